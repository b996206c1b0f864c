package org.trialfhir.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Names of the {@code *.json} files directly inside a classpath folder, from a directory (tests, IDE) or from a jar
 * (including a Spring Boot fat jar, whose nested-jar URLs also open as {@link JarURLConnection}). The JDK has no
 * "list a classpath folder" call, hence this class.
 */
final class ClasspathJsonFiles {

	private ClasspathJsonFiles() {}

	/** Resource names such as {@code profiles/ValueSet-x.json}, sorted. */
	static List<String> list(ClassLoader loader, String folder) {
		var names = new TreeSet<String>();
		try {
			for (URL url : Collections.list(loader.getResources(folder + "/"))) {
				names.addAll(switch (url.getProtocol()) {
					case "file" -> fromDirectory(Path.of(url.toURI()), folder);
					case "jar" -> fromJar((JarURLConnection) url.openConnection());
					default -> throw new IllegalStateException("cannot list classpath folder " + url);
				});
			}
		} catch (IOException e) {
			throw new UncheckedIOException("cannot list classpath folder " + folder, e);
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
		return new ArrayList<>(names);
	}

	private static List<String> fromDirectory(Path dir, String folder) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(p -> p.getFileName().toString())
					.filter(n -> n.endsWith(".json"))
					.map(n -> folder + "/" + n)
					.toList();
		}
	}

	private static List<String> fromJar(JarURLConnection connection) throws IOException {
		connection.setUseCaches(false);
		String prefix = connection.getEntryName();
		try (JarFile jar = connection.getJarFile()) {
			return jar.stream()
					.map(JarEntry::getName)
					.filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
					.filter(n -> n.indexOf('/', prefix.length()) < 0)
					.toList();
		}
	}
}
