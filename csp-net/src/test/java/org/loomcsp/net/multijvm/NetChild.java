package org.loomcsp.net.multijvm;

import java.net.URI;
import java.time.Duration;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.Codec;
import org.loomcsp.net.CspNode;
import org.loomcsp.net.NetChannelOutput;

/**
 * The main class of the child JVMs of the multi-JVM tests.
 *
 * <ul>
 *   <li>{@code worker <id> <jobsUri> <resultsUri> <poisonAfter>}: a Pi farm worker; reads jobs,
 *       writes results; after {@code poisonAfter} jobs (if > 0) poisons the results channel.
 *       Ends (exit 0) when poisoned.
 *   <li>{@code home}: hosts {@code values} (written without end by a local process), {@code sink}
 *       and {@code silence} (never read or written here); prints its port; ends (exit 0) when
 *       {@code values} is poisoned.
 * </ul>
 * Any other ending is a failure (exit 1), which the tests check.
 */
public final class NetChild {
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10); // machines are loaded; kill -9 is seen at once anyway

    private NetChild() {}

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = switch (args[0]) {
                case "worker" -> worker(args[1], URI.create(args[2]), URI.create(args[3]), Integer.parseInt(args[4]));
                case "home" -> home();
                default -> throw new IllegalArgumentException(args[0]);
            };
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            code = 1;
        }
        System.out.println("EXIT " + code);
        System.out.flush();
        System.exit(code);
    }

    private static int worker(String id, URI jobsUri, URI resultsUri, int poisonAfter) throws InterruptedException {
        try (CspNode node = CspNode.builder().name(id).peerTimeout(PEER_TIMEOUT).build().start()) {
            ChannelInput<PiFarm.Job> jobs = node.input(jobsUri, PiFarm.CODEC_JOB);
            NetChannelOutput<PiFarm.Result> results = node.output(resultsUri, PiFarm.CODEC_RESULT);
            System.out.println("READY " + id);
            int done = 0;
            try {
                while (true) {
                    PiFarm.Job j = jobs.read();
                    results.write(PiFarm.compute(j, id));
                    done++;
                    if (done == poisonAfter) {
                        System.out.println("POISONING results after " + done);
                        results.poison();
                    }
                }
            } catch (ChannelPoison p) {
                System.out.println("POISONED after " + done + ": " + p.getMessage());
                results.poison();
                jobs.poison();
            }
            return 0;
        }
    }

    private static int home() throws InterruptedException {
        try (CspNode node = CspNode.builder().name("home").peerTimeout(PEER_TIMEOUT).build().start()) {
            Channel<String> values = node.host("values", Codec.utf8());
            node.host("sink", Codec.utf8());
            node.host("silence", Codec.utf8());
            CSPProcess writer = new CSPProcess(() -> {
                for (long i = 0; ; i++) {
                    values.write("remote-" + i);
                }
            });
            writer.start();
            System.out.println("READY " + node.port());
            writer.join();
            System.out.println("POISONED values");
            return 0;
        }
    }
}
