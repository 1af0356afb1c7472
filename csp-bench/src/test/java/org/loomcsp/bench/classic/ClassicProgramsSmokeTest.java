package org.loomcsp.bench.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClassicProgramsSmokeTest {
    private static String run(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        assertThat(rc).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    @Test
    void commstimeEndsByPoisonAndPrintsPythonCspLines() {
        // N=100: each run prints DT and "Time per ch", poisons, finishes; then mean and s.d.
        String out = run(new Commstime(), "-n", "100", "-r", "2");
        assertThat(out).contains("----------- run 1/2 -------------", "----------- run 2/2 -------------",
                "Time per ch : ", "/(4*100) = ", "consumer done, poisoning channel", "Finished run...",
                "loomcsp virtual (seq Delta2): mean ", "s.d.", "python-csp (threads)", "225.77");
    }

    @Test
    void commstimeParallelDeltaAndPlatformBackendEnd() {
        // The PAR delta and the platform backend end cleanly too.
        String out = run(new Commstime(), "-n", "50", "-r", "1", "-d", "par", "-b", "PLATFORM", "-q");
        assertThat(out).contains("run 1/1: ", "loomcsp platform (par Delta2): mean ");
    }

    @Test
    void tokenRingFourNodesTwoTokensTerminates() {
        // 4 nodes, 2 tokens: terminates and prints one line with the per-hop time.
        String out = run(new TokenRing(), "-n", "4", "-t", "2", "--trials", "100", "-r", "1");
        assertThat(out).contains("token ring, loomcsp-virtual, 2 token(s), 100 hops per node");
        assertThat(out).containsPattern("\\n\\s+4\\s+2\\s+400\\s+\\d+\\.\\d+");
    }

    @Test
    void tokenRingRunsOnPeersAndRejectsBadSizes() {
        // Any implementation id works; T >= N is refused with a usage error.
        assertThat(run(new TokenRing(), "-n", "8", "-t", "3", "--trials", "20", "-r", "1", "-i", "jox")).contains("jox");
        CommandLine cl = new CommandLine(new TokenRing());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("-n", "4", "-t", "4")).isNotZero();
    }
}
