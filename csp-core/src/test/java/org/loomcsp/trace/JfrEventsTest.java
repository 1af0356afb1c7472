package org.loomcsp.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.DeadlockException;
import org.loomcsp.testing.BackendTest;

class JfrEventsTest {

    @TempDir
    Path dir;

    /** A recording gets process, communication, Alt, poison and deadlock events of category loomcsp. */
    @BackendTest
    void recordingReceivesLoomcspEvents(Backend backend) throws Exception {
        Path file = dir.resolve("run.jfr");
        Duration saved = org.loomcsp.internal.deadlock.Detector.interval();
        try (Recording r = new Recording()) {
            for (String e : List.of("ProcessStart", "ProcessEnd", "ChannelCommunication",
                    "AltSelect", "Poison", "Deadlock")) {
                r.enable("loomcsp." + e).withoutThreshold();
            }
            r.start();
            Channel<Integer> c = new Channel<>("jfr-chan");
            CSPProcess w = new CSPProcess("jfr-writer", () -> {
                c.write(42);
                c.poison();
            }, c);
            CSPProcess rd = new CSPProcess("jfr-reader", () -> {
                new Alt(c).select();
                c.read();
            }, c);
            Csp.run(w, rd);
            Csp.setDeadlockDetectionInterval(Duration.ofMillis(5));
            Channel<Integer> orphan = new Channel<>("jfr-orphan");
            try {
                new CSPProcess("jfr-lonely", () -> orphan.read(), orphan).run();
            } catch (DeadlockException expected) {
                // recorded as a loomcsp.Deadlock event
            }
            r.stop();
            r.dump(file);
        } finally {
            Csp.setDeadlockDetectionInterval(saved);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        assertThat(events).allSatisfy(e ->
                assertThat(e.getEventType().getCategoryNames()).containsExactly("loomcsp"));
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals(
                "loomcsp.ProcessStart")).extracting(e -> e.getString("process"))
                .contains("jfr-writer", "jfr-reader", "jfr-lonely");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals(
                "loomcsp.ProcessEnd") && e.getString("process").equals("jfr-reader"))
                .extracting(e -> e.getString("outcome")).containsExactly("poisoned");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals(
                "loomcsp.ChannelCommunication")).extracting(
                        e -> e.getString("process") + " " + e.getString("direction") + " "
                                + e.getString("channel") + " " + e.getString("value"))
                .contains("jfr-writer write jfr-chan 42");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals(
                "loomcsp.AltSelect")).extracting(e -> e.getString("process"))
                .containsExactly("jfr-reader");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("loomcsp.Poison"))
                .extracting(e -> e.getString("channel")).contains("jfr-chan");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("loomcsp.Deadlock"))
                .singleElement().satisfies(e ->
                        assertThat(e.getString("report")).contains("jfr-lonely"));
    }
}
