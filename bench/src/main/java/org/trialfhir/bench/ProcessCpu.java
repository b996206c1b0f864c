package org.trialfhir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a server and of its PostgreSQL, read from Linux's /proc: what a write costs the two processes that do
 * the work, which a shared, noisy machine does not distort the way it distorts a rate. The server is one JVM; its
 * PostgreSQL is the postmaster of a data directory (the pid in {@code postmaster.pid}) with all its backends, plus the
 * CPU of backends that have already exited (the postmaster's waited-for children).
 */
final class ProcessCpu {

	/** Linux's clock ticks per second for /proc times ({@code getconf CLK_TCK}); 100 on every common kernel. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final long serverPid;
	private final Path postgresDataDirectory;

	ProcessCpu(long serverPid, Path postgresDataDirectory) {
		this.serverPid = serverPid;
		this.postgresDataDirectory = postgresDataDirectory;
	}

	/**
	 * Prints, as one JSON object, the CPU seconds a server and its PostgreSQL have used so far: the server's by group of
	 * threads ({@link #serverThreads}) and PostgreSQL's under {@code "_pg"}. For the profile scripts
	 * (bench/profile/steady.sh), which take a snapshot before and after a load. Arguments: server pid, PostgreSQL data
	 * directory.
	 */
	public static void main(String[] args) throws IOException {
		ProcessCpu cpu = new ProcessCpu(Long.parseLong(args[0]), Path.of(args[1]));
		StringBuilder json = new StringBuilder("{");
		cpu.serverThreads().forEach((group, seconds) -> json.append(String.format(Locale.ROOT, "\"%s\": %.2f, ",
				group.replace("\"", ""), seconds)));
		System.out.println(json.append(String.format(Locale.ROOT, "\"_pg\": %.2f}", cpu.seconds()[1])));
	}

	/** CPU seconds used so far: [server, PostgreSQL]. */
	double[] seconds() throws IOException {
		return new double[] {ownTicks(serverPid) / TICKS_PER_SECOND, postgresTicks() / TICKS_PER_SECOND};
	}

	/**
	 * The server's CPU seconds so far by group of threads: a thread's name (as Linux holds it, at most 15 characters)
	 * with its numbers replaced by {@code #}, so that a pool's threads add up ({@code http-nio-#-exec-#},
	 * {@code GC Thread##}, {@code C# CompilerThre}). Threads that have exited are not counted.
	 */
	Map<String, Double> serverThreads() throws IOException {
		Map<String, Double> seconds = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(serverPid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String line = Files.readString(task.resolve("stat"));
					String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).replaceAll("[0-9]+", "#");
					String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
					double own = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
					seconds.merge(name, own, Double::sum);
				} catch (IOException exited) {
					// the thread ended between the listing and the read
				}
			}
		}
		return seconds;
	}

	/**
	 * Waits until the server has been idle (under 5 % of a core) for two seconds in a row, at most a minute: work a
	 * load leaves behind (re-derivation, audit publishing) belongs to that load.
	 */
	void awaitIdle() throws IOException, InterruptedException {
		double before = seconds()[0];
		int quiet = 0;
		for (int i = 0; i < 60 && quiet < 2; i++) {
			Thread.sleep(1000);
			double now = seconds()[0];
			quiet = now - before < 0.05 ? quiet + 1 : 0;
			before = now;
		}
	}

	private long postgresTicks() throws IOException {
		long postmaster = Long.parseLong(Files.readAllLines(postgresDataDirectory.resolve("postmaster.pid")).get(0).trim());
		Map<Long, List<Long>> children = new HashMap<>();
		try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (name.chars().allMatch(Character::isDigit)) {
					String[] stat = stat(Long.parseLong(name));
					if (stat != null) {
						children.computeIfAbsent(Long.parseLong(stat[1]), k -> new ArrayList<>()).add(Long.parseLong(name));
					}
				}
			}
		}
		String[] own = stat(postmaster);
		// cutime + cstime: the backends that have exited and been waited for
		long ticks = own == null ? 0 : Long.parseLong(own[13]) + Long.parseLong(own[14]);
		List<Long> pending = new ArrayList<>(List.of(postmaster));
		while (!pending.isEmpty()) {
			long pid = pending.remove(pending.size() - 1);
			ticks += ownTicks(pid);
			pending.addAll(children.getOrDefault(pid, List.of()));
		}
		return ticks;
	}

	private static long ownTicks(long pid) throws IOException {
		String[] stat = stat(pid);
		return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
	}

	/** The fields of /proc/[pid]/stat after the command name, from state on (index 0 = state, 1 = ppid, 11 = utime). */
	private static String[] stat(long pid) throws IOException {
		try {
			String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return line.substring(line.lastIndexOf(')') + 2).split(" ");
		} catch (IOException gone) {
			// exited meanwhile: a missing file, or ESRCH ("No such process") while the kernel tears it down
			return null;
		}
	}
}
