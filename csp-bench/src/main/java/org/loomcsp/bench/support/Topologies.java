package org.loomcsp.bench.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The process networks, written once against {@link Impl}/{@link Chan}. Every method ends by
 * itself (fixed message counts, no poison), checks what arrived, and throws if it is wrong: a
 * benchmark that silently loses messages must not produce a figure.
 */
public final class Topologies {
    private Topologies() {}

    /**
     * Commstime (Barnes, "Compiling CSP", CPA 2006; python-csp benchmark/commstime): Prefix(0),
     * Delta2, Succ, Consumer on channels a, b, c, d; {@code loops} values reach the consumer,
     * 4 communications per loop. With {@code parDelta} Delta2 outputs to b and d in a PAR (two
     * processes started and joined per loop), as occam's parallel delta.
     */
    public static long commstime(Impl impl, int loops, boolean parDelta) throws Exception {
        Chan<Integer> a = impl.channel(), b = impl.channel(), c = impl.channel(), d = impl.channel();
        long[] sum = new long[1];
        Body prefix = () -> {
            a.send(0);
            for (int i = 1; i < loops; i++) {
                a.send(c.recv());
            }
            c.recv(); // absorb the last successor output
        };
        Body delta = parDelta
                ? () -> {
                    for (int i = 0; i < loops; i++) {
                        Integer x = a.recv();
                        impl.par(() -> b.send(x), () -> d.send(x));
                    }
                }
                : () -> {
                    for (int i = 0; i < loops; i++) {
                        Integer x = a.recv();
                        b.send(x);
                        d.send(x);
                    }
                };
        Body succ = () -> {
            for (int i = 0; i < loops; i++) {
                c.send(b.recv() + 1);
            }
        };
        Body consumer = () -> {
            long s = 0;
            for (int i = 0; i < loops; i++) {
                s += d.recv();
            }
            sum[0] = s;
        };
        impl.start(List.of(prefix, delta, succ, consumer)).join();
        long expected = (long) loops * (loops - 1) / 2;
        check(sum[0] == expected, "commstime sum " + sum[0] + " != " + expected);
        return sum[0];
    }

    /** Ping-pong: {@code rounds} round trips (2 rendezvous each) between two processes. */
    public static void pingPong(Impl impl, int rounds) throws Exception {
        Chan<Integer> ping = impl.channel(), pong = impl.channel();
        long[] got = new long[1];
        Body pinger = () -> {
            long s = 0;
            Integer v = 1;
            for (int i = 0; i < rounds; i++) {
                ping.send(v);
                s += pong.recv();
            }
            got[0] = s;
        };
        Body ponger = () -> {
            for (int i = 0; i < rounds; i++) {
                pong.send(ping.recv());
            }
        };
        impl.start(List.of(pinger, ponger)).join();
        check(got[0] == rounds, "ping-pong lost messages");
    }

    /** One-way stream: {@code n} messages from one writer to one reader (Jox's RendezvousBenchmark). */
    public static void stream(Impl impl, int n) throws Exception {
        Chan<Integer> ch = impl.channel();
        long[] got = new long[1];
        Integer v = 1;
        impl.start(List.of(() -> {
            for (int i = 0; i < n; i++) {
                ch.send(v);
            }
        }, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += ch.recv();
            }
            got[0] = s;
        })).join();
        check(got[0] == n, "stream lost messages");
    }

    /** A chain of {@code length} forwarding processes; {@code messages} values pass end to end. */
    public static void chain(Impl impl, int length, int messages) throws Exception {
        List<Chan<Integer>> cs = new ArrayList<>(length + 1);
        for (int i = 0; i <= length; i++) {
            cs.add(impl.channel());
        }
        List<Body> ps = new ArrayList<>(length + 2);
        for (int i = 0; i < length; i++) {
            Chan<Integer> in = cs.get(i), out = cs.get(i + 1);
            ps.add(() -> {
                for (int m = 0; m < messages; m++) {
                    out.send(in.recv());
                }
            });
        }
        long[] got = new long[1];
        Chan<Integer> first = cs.get(0), last = cs.get(length);
        ps.add(() -> {
            Integer v = 1;
            for (int m = 0; m < messages; m++) {
                first.send(v);
            }
        });
        ps.add(() -> {
            long s = 0;
            for (int m = 0; m < messages; m++) {
                s += last.recv();
            }
            got[0] = s;
        });
        impl.start(ps).join();
        check(got[0] == messages, "chain lost messages");
    }

    /** {@code pairs} independent writer/reader pairs, one channel each, {@code messages} per pair. */
    public static void pairs(Impl impl, int pairs, int messages) throws Exception {
        List<Body> ps = new ArrayList<>(2 * pairs);
        long[] got = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            Chan<Integer> ch = impl.channel();
            int idx = p;
            ps.add(() -> {
                Integer v = 1;
                for (int m = 0; m < messages; m++) {
                    ch.send(v);
                }
            });
            ps.add(() -> {
                long s = 0;
                for (int m = 0; m < messages; m++) {
                    s += ch.recv();
                }
                got[idx] = s;
            });
        }
        impl.start(ps).join();
        for (long g : got) {
            check(g == messages, "pairs lost messages");
        }
    }

    /**
     * Token ring: {@code nodes} processes in a ring, node i reading from channel i and writing to
     * channel i+1 (mod n). {@code tokens} tokens (1 <= tokens < nodes) are injected at evenly
     * spaced nodes; each node makes {@code trials} hops (read, increment, write). An injecting node
     * writes first and reads once more at the end, so every channel carries exactly
     * {@code trials} values and the ring ends by itself. Total hops: trials * nodes.
     */
    public static long tokenRing(Impl impl, int nodes, int tokens, int trials) throws Exception {
        if (nodes < 2 || tokens < 1 || tokens >= nodes || trials < 1) {
            throw new IllegalArgumentException("need nodes >= 2, 1 <= tokens < nodes, trials >= 1");
        }
        List<Chan<Integer>> cs = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            cs.add(impl.channel());
        }
        boolean[] injects = injectors(nodes, tokens);
        long[] absorbed = new long[nodes];
        List<Body> ps = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            Chan<Integer> in = cs.get(i), out = cs.get((i + 1) % nodes);
            int idx = i;
            if (injects[i]) {
                ps.add(() -> {
                    out.send(0);
                    for (int t = 1; t < trials; t++) {
                        out.send(in.recv() + 1);
                    }
                    absorbed[idx] = in.recv();
                });
            } else {
                ps.add(() -> {
                    for (int t = 0; t < trials; t++) {
                        out.send(in.recv() + 1);
                    }
                });
            }
        }
        impl.start(ps).join();
        long total = 0;
        for (long a : absorbed) {
            total += a;
        }
        // Every hop adds 1 except the T injections (value 0) and the T final absorbing reads.
        long expected = (long) trials * nodes - tokens;
        check(total == expected, "token ring: absorbed " + total + " != " + expected);
        return total;
    }

    /** Evenly spaced injecting nodes: node floor(k * nodes / tokens) for k = 0..tokens-1. */
    public static boolean[] injectors(int nodes, int tokens) {
        boolean[] inj = new boolean[nodes];
        for (int k = 0; k < tokens; k++) {
            inj[(int) ((long) k * nodes / tokens)] = true;
        }
        return inj;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
