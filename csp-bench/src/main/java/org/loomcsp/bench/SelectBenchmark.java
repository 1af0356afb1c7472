package org.loomcsp.bench;

import com.softwaremill.jox.Select;
import com.softwaremill.jox.SelectClause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jcsp.lang.AltingChannelInput;
import org.jcsp.lang.Alternative;
import org.jcsp.lang.ChannelOutput;
import org.jcsp.lang.Guard;
import org.jcsp.lang.One2OneChannel;
import org.loomcsp.Alt;
import org.loomcsp.Channel;
import org.loomcsp.bench.support.Body;
import org.loomcsp.bench.support.Carriers;
import org.loomcsp.bench.support.Impl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Choice over {@code ready} channels, each kept ready by its own writer process; one reader makes
 * {@value #N} selections; ns per selection (including the communication it selects).
 * loomcsp: one {@code Alt} reused, {@code priSelect()} (first ready guard wins, the same rule as
 * Jox's biased {@code Select.select}); JCSP: one {@code Alternative} reused, {@code priSelect()};
 * Jox: {@code Select.select(receiveClause()...)} per selection, as Jox's own SelectBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SelectBenchmark {
    static final int N = 20_000;

    @Param({"loomcsp-virtual", "loomcsp-platform", "jox", "jcsp"})
    public String impl;

    @Param({"1", "2", "8"})
    public int ready;

    @Param({"1", "default"})
    public String carriers;

    private Impl im;

    @Setup
    public void setup() {
        Carriers.apply(carriers);
        im = Impl.of(impl);
        if (N % ready != 0) {
            throw new IllegalArgumentException("ready must divide " + N);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long select() throws Exception {
        long[] sum = new long[1];
        List<Body> ps = new ArrayList<>(ready + 1);
        int each = N / ready;
        switch (impl) {
            case Impl.LOOMCSP_VIRTUAL, Impl.LOOMCSP_PLATFORM, Impl.LOOMCSP_JDK_SCHEDULER -> {
                @SuppressWarnings("unchecked")
                Channel<Integer>[] cs = new Channel[ready];
                for (int i = 0; i < ready; i++) {
                    Channel<Integer> c = cs[i] = new Channel<>();
                    ps.add(() -> writeAll(c::write, each));
                }
                ps.add(() -> {
                    Alt alt = new Alt(cs);
                    long s = 0;
                    for (int i = 0; i < N; i++) {
                        s += (Integer) alt.priSelect();
                    }
                    sum[0] = s;
                });
            }
            case Impl.JOX -> {
                @SuppressWarnings("unchecked")
                com.softwaremill.jox.Channel<Integer>[] cs = new com.softwaremill.jox.Channel[ready];
                for (int i = 0; i < ready; i++) {
                    com.softwaremill.jox.Channel<Integer> c = cs[i] = com.softwaremill.jox.Channel.newRendezvousChannel();
                    ps.add(() -> writeAll(c::send, each));
                }
                ps.add(() -> {
                    long s = 0;
                    @SuppressWarnings("unchecked")
                    SelectClause<Integer>[] clauses = new SelectClause[ready];
                    for (int i = 0; i < N; i++) {
                        for (int k = 0; k < ready; k++) {
                            clauses[k] = cs[k].receiveClause();
                        }
                        s += Select.select(clauses);
                    }
                    sum[0] = s;
                });
            }
            case Impl.JCSP -> {
                @SuppressWarnings("unchecked")
                AltingChannelInput<Integer>[] ins = new AltingChannelInput[ready];
                for (int i = 0; i < ready; i++) {
                    One2OneChannel<Integer> c = org.jcsp.lang.Channel.one2one();
                    ins[i] = c.in();
                    ChannelOutput<Integer> out = c.out();
                    ps.add(() -> writeAll(out::write, each));
                }
                ps.add(() -> {
                    Alternative alt = new Alternative((Guard[]) ins);
                    long s = 0;
                    for (int i = 0; i < N; i++) {
                        s += ins[alt.priSelect()].read();
                    }
                    sum[0] = s;
                });
            }
            default -> throw new IllegalArgumentException("select has no " + impl);
        }
        im.start(ps).join();
        if (sum[0] != N) {
            throw new IllegalStateException("select lost messages: " + sum[0]);
        }
        return sum[0];
    }

    private interface Writer {
        void write(Integer v) throws InterruptedException;
    }

    private static void writeAll(Writer w, int n) throws InterruptedException {
        Integer one = 1;
        for (int i = 0; i < n; i++) {
            w.write(one);
        }
    }
}
