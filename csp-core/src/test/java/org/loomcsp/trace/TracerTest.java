package org.loomcsp.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Alt;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.testing.BackendTest;

class TracerTest {

    @TempDir
    Path dir;

    private static CSPProcess producer(Channel<Integer> out, int n) {
        return new CSPProcess("producer", () -> {
            for (int i = 0; i < n; i++) {
                out.write(i);
            }
            out.poison();
        }, out);
    }

    private static CSPProcess consumer(Channel<Integer> in) {
        return new CSPProcess("consumer", () -> {
            while (true) {
                in.read();
            }
        }, in);
    }

    /** The trace file has one line per event: start, writes, reads, poison and end, by process. */
    @BackendTest
    void traceFileRecordsEveryEventWithItsProcess(Backend backend) throws Exception {
        Path file = dir.resolve("run.trace");
        Channel<Integer> c = new Channel<>("numbers");
        try (Tracer t = Tracer.start(file)) {
            Csp.run(producer(c, 3), consumer(c));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("# loomcsp trace v1");
        List<String[]> ev = lines.stream().skip(1).map(l -> l.split("\t", -1)).toList();
        assertThat(ev).allSatisfy(f -> assertThat(f).hasSize(8));
        for (int i = 0; i < ev.size(); i++) {
            assertThat(ev.get(i)[0]).isEqualTo(String.valueOf(i + 1));
        }
        assertThat(ev).filteredOn(f -> f[3].equals("producer") && f[4].equals("write"))
                .extracting(f -> f[6] + "=" + f[7]).containsExactly("numbers=0", "numbers=1",
                        "numbers=2");
        assertThat(ev).filteredOn(f -> f[3].equals("consumer") && f[4].equals("read"))
                .extracting(f -> f[7]).containsExactly("0", "1", "2");
        assertThat(ev).filteredOn(f -> f[4].equals("poison")).extracting(f -> f[3])
                .containsExactly("producer");
        assertThat(ev).filteredOn(f -> f[4].equals("end"))
                .extracting(f -> f[3] + ":" + f[7])
                .contains("producer:normal", "consumer:poisoned");
        long starts = ev.stream().filter(f -> f[4].equals("start")).count();
        assertThat(starts).isEqualTo(3); // the Par and its two children
        // timestamps never go backwards in file order
        for (int i = 1; i < ev.size(); i++) {
            assertThat(Long.parseLong(ev.get(i)[1])).isGreaterThanOrEqualTo(
                    Long.parseLong(ev.get(i - 1)[1]));
        }
    }

    /** Nothing is recorded after the tracer is closed, and only one tracer runs at a time. */
    @BackendTest
    void closedTracerRecordsNothing(Backend backend) throws Exception {
        Tracer t = Tracer.startInMemory();
        try (t) {
            assertThat(Tracer.isActive()).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(Tracer::startInMemory)
                    .isInstanceOf(IllegalStateException.class);
        }
        long n = t.events();
        Channel<Integer> c = new Channel<>();
        Csp.run(producer(c, 2), consumer(c));
        assertThat(t.events()).isEqualTo(n);
        assertThat(Tracer.isActive()).isFalse();
    }

    /** Alt selections are recorded as select events naming the guard, channel and value. */
    @BackendTest
    void altSelectionIsRecorded(Backend backend) throws Exception {
        Channel<String> a = new Channel<>("a");
        Channel<String> b = new Channel<>("b");
        try (Tracer t = Tracer.startInMemory()) {
            CSPProcess w = new CSPProcess("w", () -> b.write("x"), b).start();
            CSPProcess r = new CSPProcess("r", () -> new Alt(a, b).select(), a, b);
            r.run();
            w.join();
            TraceModel m = t.model();
            TraceModel.ProcessInfo rp = m.processes().stream()
                    .filter(p -> p.name().equals("r")).findFirst().orElseThrow();
            assertThat(rp.channelEvents()).containsExactly("b?");
            assertThat(m.channels()).filteredOn(ch -> ch.name().equals("b"))
                    .singleElement().satisfies(ch -> {
                        assertThat(ch.writers()).containsExactly("w");
                        assertThat(ch.readers()).containsExactly("r");
                    });
        }
    }

    /** With serversRunOneStep, a server runs one step under the tracer, as in python-csp. */
    @BackendTest
    void serversRunOneStepUnderTheTracer(Backend backend) throws Exception {
        CSPServer s = Csp.forever(() -> true);
        try (Tracer t = Tracer.start(null, true)) {
            s.run();
        }
        assertThat(s.steps()).isEqualTo(1);
        assertThat(Csp.traceMode()).isFalse();
    }

    /** The DOT text has a node per process and a labelled edge from writer to reader. */
    @BackendTest
    void dotPictureHasProcessesAndChannelEdges(Backend backend) throws Exception {
        Path file = dir.resolve("run.trace");
        Channel<Integer> c = new Channel<>("numbers");
        try (Tracer t = Tracer.start(file)) {
            Csp.run(producer(c, 2), consumer(c));
        }
        String dot = TraceModel.read(file).toDot();
        assertThat(dot).startsWith("digraph loomcsp {").endsWith("}\n")
                .contains("[label=\"producer\"]").contains("[label=\"consumer\"]");
        assertThat(dot).containsPattern("p\\d+ -> p\\d+ \\[label=\"numbers\", color=red");
    }

    /** The CSPm skeleton declares channels, alphabets, one equation per process and SYSTEM. */
    @BackendTest
    void cspmSkeletonDescribesTheNetwork(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>("numbers");
        TraceModel m;
        try (Tracer t = Tracer.startInMemory()) {
            Csp.run(producer(c, 2), consumer(c));
            m = t.model();
        }
        String cspm = m.toCspm();
        assertThat(cspm).contains("channel numbers\n")
                .contains("A_PRODUCER = {| numbers |}\nPRODUCER = numbers -> numbers -> SKIP")
                .contains("A_CONSUMER = {| numbers |}\nCONSUMER = numbers -> numbers -> SKIP")
                .contains("assert SYSTEM :[deadlock free [F]]");
        assertThat(cspm).containsPattern("SYSTEM = \\w+ \\[A_\\w+ \\|\\| ");
    }

    /** dot renders the picture to SVG when Graphviz is installed (skipped otherwise). */
    @BackendTest
    void dotRendersSvgWhenInstalled(Backend backend) throws Exception {
        assumeTrue(Graphviz.isAvailable(), "Graphviz 'dot' is not installed");
        Path svg = Graphviz.render("digraph { a -> b }", "svg", dir.resolve("g.svg"));
        assertThat(Files.readString(svg)).contains("<svg");
    }

    /** Without Graphviz, render fails with a message that says how to install it. */
    @BackendTest
    void missingDotGivesAClearMessage(Backend backend) {
        String saved = System.getProperty("csp.dot");
        System.setProperty("csp.dot", "/nonexistent/dot-for-loomcsp-test");
        try {
            assertThat(Graphviz.isAvailable()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> Graphviz.render("digraph {}", "svg", dir.resolve("x.svg")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Graphviz");
        } finally {
            if (saved == null) {
                System.clearProperty("csp.dot");
            } else {
                System.setProperty("csp.dot", saved);
            }
        }
    }
}
