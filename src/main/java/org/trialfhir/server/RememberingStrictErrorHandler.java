package org.trialfhir.server;

import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * HAPI's {@link StrictErrorHandler} (every unknown element, invalid value or misplaced repetition fails the parse),
 * remembering the element it failed on: HAPI names only the element, not where it is, so the caller looks it up in
 * the body. One per parse.
 */
final class RememberingStrictErrorHandler extends StrictErrorHandler {

	private String element;
	private String value;

	/** The element the parse failed on, or null. */
	String element() {
		return element;
	}

	/** Its value as written, when the value was the problem; otherwise null. */
	String value() {
		return value;
	}

	@Override
	public void unknownElement(IParseLocation location, String name) {
		element = name;
		super.unknownElement(location, name);
	}

	@Override
	public void unknownAttribute(IParseLocation location, String name) {
		element = name;
		super.unknownAttribute(location, name);
	}

	@Override
	public void invalidValue(IParseLocation location, String invalid, String error) {
		element = location == null ? null : location.getParentElementName();
		value = invalid;
		super.invalidValue(location, invalid, error);
	}

	@Override
	public void unexpectedRepeatingElement(IParseLocation location, String name) {
		element = name;
		super.unexpectedRepeatingElement(location, name);
	}

	@Override
	public void incorrectJsonType(IParseLocation location, String name, ValueType expected,
			ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
		element = name;
		super.incorrectJsonType(location, name, expected, expectedScalar, found, foundScalar);
	}
}
