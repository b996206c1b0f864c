import java.nio.file.*;
import java.util.*;
import jdk.jfr.consumer.*;
/**
 * Sums the weight of a JFR recording's allocation samples (jdk.ObjectAllocationSample) by where they were made and
 * prints, per 1,000 Observations (the second argument), the MB allocated in all, by thread kind, by the first frame
 * outside the JDK, by the first frame outside the JDK and Spring Boot's jar class loader (what asked for a class or a
 * resource), by the first TrialFHIR frame on the stack (the write step of ours that led to it) and by the
 * allocated class. The stacks must be deep enough to reach the request's entry (-XX:FlightRecorderOptions:stackdepth).
 */
public class AllocSamples {
	static boolean jdk(String type) {
		return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.");
	}

	public static void main(String[] a) throws Exception {
		double per = Double.parseDouble(a[1]) / 1000;
		Map<String, Map<String, Double>> tables = new LinkedHashMap<>();
		double total = 0;
		for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
			if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample"))
				continue;
			double mb = e.getLong("weight") / 1e6 / per;
			total += mb;
			RecordedThread t = e.getThread("eventThread");
			String thread = t == null ? "?" : t.getJavaName().replaceAll("[0-9]+", "N");
			add(tables, "thread", thread, mb);
			add(tables, "class", e.getClass("objectClass").getName(), mb);
			RecordedStackTrace st = e.getStackTrace();
			String firstOutsideJdk = "(only JDK frames)", firstOutsideLoader = "(only JDK and class loader frames)",
					firstOurs = "(no TrialFHIR frame)";
			if (st != null)
				for (RecordedFrame f : st.getFrames()) {
					String type = f.getMethod().getType().getName().replaceAll("\\$\\$.*", "");
					String frame = type + "." + f.getMethod().getName();
					if (firstOutsideJdk.startsWith("(") && !jdk(type))
						firstOutsideJdk = frame;
					if (firstOutsideLoader.startsWith("(") && !jdk(type) && !type.startsWith("org.springframework.boot.loader."))
						firstOutsideLoader = frame;
					if (type.startsWith("org.trialfhir.")) {
						firstOurs = frame;
						break;
					}
				}
			add(tables, "first frame outside the JDK", firstOutsideJdk, mb);
			add(tables, "first frame outside the JDK and Spring Boot's class loader", firstOutsideLoader, mb);
			add(tables, "first TrialFHIR frame", firstOurs, mb);
		}
		System.out.printf("allocated, MB per 1,000 Observations: %.1f%n", total);
		int top = a.length > 2 ? Integer.parseInt(a[2]) : 25;
		tables.forEach((name, table) -> {
			System.out.printf("%n-- by %s (top %d)%n", name, top);
			table.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
					.forEach(en -> System.out.printf("%9.1f  %s%n", en.getValue(), en.getKey()));
		});
	}

	static void add(Map<String, Map<String, Double>> tables, String table, String key, double mb) {
		tables.computeIfAbsent(table, k -> new HashMap<>()).merge(key, mb, Double::sum);
	}
}
