package org.trialfhir;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.conditions.ArchConditions.accessField;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethodWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
import org.trialfhir.server.AdvisoryLock;
import org.trialfhir.server.FhirOperationProvider;
import org.trialfhir.server.FhirRestInterceptor;
import org.trialfhir.server.FhirStorageInterceptor;
import org.trialfhir.server.JsonBodyScan;
import org.trialfhir.server.ResolvedIds;
import org.trialfhir.server.TransactionScoped;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * The package rules of docs/architecture.md ("Package rules"), checked on the compiled main classes. Rules name
 * top-level packages ({@code org.trialfhir.<feature>..}), so moves inside a feature do not touch them.
 */
class ArchitectureTest {

	private static final String OURS = "org.trialfhir..";
	private static final String SERVER = "org.trialfhir.server..";
	private static final String HAPI_SQL = "org.trialfhir.hapisql..";
	/** Packages that depend on no feature and on nothing of the server: every package may use them. */
	private static final String[] BASE = {"org.trialfhir.errors..", "org.trialfhir.units..", "org.trialfhir.scoring..",
		"org.trialfhir.stats.."};

	/**
	 * What a feature may use of {@code server}: the plug-in points, interfaces a feature's bean implements to be
	 * registered on the FHIR endpoint, on HAPI's storage pipeline or as a step of a trial write, and the two mechanisms
	 * every door must share rather than copy — the lock that makes one of several server instances do a thing, and the
	 * scan of FHIR JSON that the REST door and the pull apply alike.
	 */
	private static final DescribedPredicate<JavaClass> SERVER_API = belongToAnyOf(FhirOperationProvider.class,
			FhirRestInterceptor.class, FhirStorageInterceptor.class, WriteStep.class, WriteContext.class,
			TransactionScoped.class, AdvisoryLock.class, JsonBodyScan.class, ResolvedIds.class);

	/** HAPI's per-resource write pointcuts: the write pipeline's alone, so that the order of a write's steps is one list. */
	private static final Set<String> WRITE_POINTCUTS = Set.of("STORAGE_PRESTORAGE_RESOURCE_CREATED",
			"STORAGE_PRESTORAGE_RESOURCE_UPDATED", "STORAGE_PRESTORAGE_RESOURCE_DELETED", "STORAGE_PRECOMMIT_RESOURCE_CREATED",
			"STORAGE_PRECOMMIT_RESOURCE_UPDATED", "STORAGE_PRECOMMIT_RESOURCE_DELETED");

	/** A table of HAPI's: resources and their indexes, batch jobs, terminology, HAPI's migration history. */
	private static final Pattern HAPI_TABLE =
			Pattern.compile("\\b(fly_)?(hfj|bt2|trm|npm)_\\w+", Pattern.CASE_INSENSITIVE);

	/** By name, not by type: the libraries' classes are not imported (archunit.properties). */
	private static final ArchCondition<JavaClass> WRITE_TO_THE_STANDARD_STREAMS = accessField(System.class, "out")
			.or(accessField(System.class, "err"))
			.or(callMethodWhere(target(name("printStackTrace"))))
			.as("write to System.out or System.err or print a stack trace");

	private static JavaClasses mainClasses;

	@BeforeAll
	static void importMainClasses() {
		mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("org.trialfhir");
	}

	@Test
	void topLevelPackagesHaveNoCycles() {
		slices().matching("org.trialfhir.(*)..").namingSlices("$1").should().beFreeOfCycles()
				.because("a package can be understood, tested and changed without the ones above it only if no arrow "
						+ "comes back")
				.check(mainClasses);
	}

	@Test
	void packagesDependOnlyOnTheLayersBelowThem() {
		layeredArchitecture().consideringOnlyDependenciesInAnyPackage(OURS)
				.layer("application").definedBy("org.trialfhir")
				.layer("features").definedBy(resideInAPackage(OURS)
						.and(not(resideInAnyPackage("org.trialfhir", SERVER, HAPI_SQL)))
						.and(not(resideInAnyPackage(BASE)))
						.as("every other package of org.trialfhir"))
				.layer("server").definedBy(SERVER)
				.optionalLayer("hapisql").definedBy(HAPI_SQL)
				.layer("base").definedBy(BASE)
				.whereLayer("application").mayNotBeAccessedByAnyLayer()
				.whereLayer("features").mayOnlyAccessLayers("server", "hapisql", "base")
				.whereLayer("server").mayOnlyAccessLayers("hapisql", "base")
				.whereLayer("hapisql").mayOnlyAccessLayers("base")
				.whereLayer("base").mayNotAccessAnyLayer()
				.check(mainClasses);
	}

	@Test
	void featuresUseTheServerForWiringOnly() {
		noClasses().that().resideOutsideOfPackage(SERVER)
				.should().dependOnClassesThat(resideInAPackage(SERVER).and(not(SERVER_API)))
				.because("the server's configuration, filters and start-up are its own; a feature plugs in through "
						+ "FhirOperationProvider, FhirRestInterceptor, FhirStorageInterceptor or WriteStep (keeping "
						+ "per-transaction state in TransactionScoped) and shares AdvisoryLock, JsonBodyScan and ResolvedIds")
				.check(mainClasses);
	}

	@Test
	void scoringIsPure() {
		pure("org.trialfhir.scoring").check(mainClasses);
	}

	@Test
	void statsIsPure() {
		pure("org.trialfhir.stats").check(mainClasses);
	}

	/** The JDK's language, collections, numbers and time, and Commons Statistics: no Spring, HAPI, JDBC or I/O. */
	private static ArchRule pure(String packageName) {
		return classes().that().resideInAPackage(packageName + "..")
				.should().onlyDependOnClassesThat().resideInAnyPackage(packageName + "..", "java.lang..", "java.util..",
						"java.math..", "java.time..", "org.apache.commons.statistics..")
				.because("the scores and the statistics are checked against hand-computed and R values by plain unit "
						+ "tests, and must compute the same wherever they run");
	}

	@Test
	void onlyHapiSqlNamesHapisTables() {
		noClasses().that().resideOutsideOfPackage(HAPI_SQL).should(haveAStringConstantNamingAHapiTable())
				.because("the day HAPI changes its schema, one package breaks, loudly (docs/architecture.md)")
				.check(mainClasses);
	}

	@Test
	void beansAreInjectedThroughTheirConstructor() {
		NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(mainClasses);
	}

	@Test
	void onlyTheSimulatorWritesToTheStandardStreams() {
		noClasses().that().resideOutsideOfPackage("org.trialfhir.simulator..").should(WRITE_TO_THE_STANDARD_STREAMS)
				.because("the server logs through SLF4J (structured, filtered, redacted); the simulator is a command "
						+ "line tool")
				.check(mainClasses);
	}

	@Test
	void onlySecurityKnowsHowAClientIsAuthenticated() {
		noClasses().that().resideOutsideOfPackage("org.trialfhir.security..")
				.should().dependOnClassesThat().resideInAPackage("org.springframework.security..")
				.because("a client's token, scopes and grants are read in one package; the others ask it "
						+ "(CurrentToken, ClientRequests, OperationAccess, BlindingPolicy)")
				.check(mainClasses);
	}

	@Test
	void onlyTheWritePipelineHooksAResourcesWrite() {
		methods().that().areDeclaredInClassesThat(not(name("org.trialfhir.server.WritePipeline")
				.or(name("org.trialfhir.server.WritePipeline$EveryWriteHooks"))))
				.should(notHookAWritePointcut())
				.because("the steps of a trial write run in the order of one list, WritePipeline.ORDER: a hook of its own "
						+ "on these pointcuts would run in an order set by HAPI's hook order and Spring's bean order")
				.check(mainClasses);
	}

	@Test
	void everyPluggedInClassIsASpringBean() {
		classes().that().implement(FhirOperationProvider.class).or().implement(FhirRestInterceptor.class)
				.or().implement(FhirStorageInterceptor.class).or().implement(WriteStep.class)
				.should().beMetaAnnotatedWith(Component.class)
				.because("the server registers the beans that implement a plug-in interface: one that is not a bean "
						+ "is silently never called")
				.check(mainClasses);
	}

	/** By name: the libraries' classes (HAPI's {@code @Hook} and {@code Pointcut}) are not imported. */
	private static ArchCondition<JavaMethod> notHookAWritePointcut() {
		return new ArchCondition<>("not hook STORAGE_PRESTORAGE_RESOURCE_* or STORAGE_PRECOMMIT_RESOURCE_*") {
			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
					if (!annotation.getRawType().getName().equals("ca.uhn.fhir.interceptor.api.Hook")) {
						continue;
					}
					Object pointcut = annotation.get("value").orElse(null);
					String name = pointcut instanceof JavaEnumConstant constant ? constant.name() : String.valueOf(pointcut);
					boolean hooks = WRITE_POINTCUTS.contains(name);
					events.add(new SimpleConditionEvent(method, !hooks, method.getFullName() + (hooks ? " hooks " + name
							+ ": make it a WriteStep and give it its place in WritePipeline.ORDER" : " hooks " + name)));
				}
			}
		};
	}

	/** Reads the class file's constant pool: ArchUnit does not import string constants. */
	private static ArchCondition<JavaClass> haveAStringConstantNamingAHapiTable() {
		return new ArchCondition<>("have a String constant naming a table of HAPI's (hfj_*, bt2_*, trm_*)") {
			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				for (String constant : stringConstants(javaClass)) {
					Matcher table = HAPI_TABLE.matcher(constant);
					boolean found = table.find();
					events.add(new SimpleConditionEvent(javaClass, found, javaClass.getName()
							+ (found ? " names " + table.group().toLowerCase(Locale.ROOT) : " names no table of HAPI's")));
				}
			}
		};
	}

	private static List<String> stringConstants(JavaClass javaClass) {
		try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
			return ConstantPool.strings(in.readAllBytes());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The String constants (literals, text blocks, concatenation recipes) of a class file (JVMS 4.4). */
	static final class ConstantPool {

		private ConstantPool() {}

		static List<String> strings(byte[] classFile) throws IOException {
			DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
			in.skipNBytes(8); // magic, minor and major version
			int count = in.readUnsignedShort();
			String[] utf8 = new String[count];
			List<Integer> stringIndexes = new ArrayList<>();
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> utf8[i] = in.readUTF();
					case 8 -> stringIndexes.add(in.readUnsignedShort());
					case 7, 16, 19, 20 -> in.skipNBytes(2);
					case 15 -> in.skipNBytes(3);
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
					case 5, 6 -> {
						in.skipNBytes(8);
						i++; // a long or a double takes two entries
					}
					default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
				}
			}
			return stringIndexes.stream().map(index -> utf8[index]).toList();
		}
	}
}
