import java.io.*;
import java.nio.file.*;
import jdk.jfr.consumer.*;
/**
 * Writes one line per CPU sample, socket read, park and monitor wait of a JFR recording: event, thread, nanoseconds, truncated?, frames.
 */
public class JfrSamples {
	public static void main(String[] a) throws Exception {
		try (PrintWriter out = new PrintWriter(new BufferedWriter(new FileWriter(a[1])))) {
			for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
				String type = e.getEventType().getName();
				if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.SocketRead") && !type.equals("jdk.ThreadPark")
						&& !type.equals("jdk.JavaMonitorEnter"))
					continue;
				RecordedThread t = e.getThread(type.equals("jdk.ExecutionSample") ? "sampledThread" : "eventThread");
				StringBuilder sb = new StringBuilder();
				sb.append(type).append('\t').append(t == null ? "?" : t.getJavaName()).append('\t').append(e.getDuration().toNanos()).append('\t');
				RecordedStackTrace st = e.getStackTrace();
				if (st != null) {
					sb.append(st.isTruncated() ? "T" : "F").append('\t');
					for (RecordedFrame f : st.getFrames())
						sb.append(f.getMethod().getType().getName().replaceAll("\\$\\$Lambda.*", "\\$\\$Lambda")).append('.').append(f.getMethod().getName())
								.append(';');
				}
				out.println(sb);
			}
		}
	}
}
