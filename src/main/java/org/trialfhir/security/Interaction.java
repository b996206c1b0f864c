package org.trialfhir.security;

/** The SMART v2 interaction classes: create, read, update, delete, search. */
public enum Interaction {
	CREATE('c'),
	READ('r'),
	UPDATE('u'),
	DELETE('d'),
	SEARCH('s');

	final char letter;

	Interaction(char letter) {
		this.letter = letter;
	}

	static Interaction ofLetter(char letter) {
		for (Interaction interaction : values()) {
			if (interaction.letter == letter) {
				return interaction;
			}
		}
		throw new IllegalArgumentException("not a SMART v2 permission letter: " + letter);
	}
}
