package org.loomcsp.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.builtins.And;
import org.loomcsp.builtins.Delta2;
import org.loomcsp.builtins.Or;
import org.loomcsp.builtins.Xor;

/**
 * A full adder wired from builtin processes: python-csp's {@code examples/circuits/fulladder.py}
 * (adapted from PyCSP).
 *
 * <pre>
 *   sum   = (a xor b) xor cin
 *   carry = (a and b) or ((a xor b) and cin)
 * </pre>
 *
 * Every wire that feeds two gates goes through a {@link Delta2}; the gates are {@link Xor},
 * {@link And} and {@link Or} on bits (Integers 0 and 1). The feeders write their bits and then
 * poison their wires; the poison flows through every gate after the last values, so the circuit
 * shuts itself down.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=FullAdder}: prints the
 * truth table.
 */
public final class FullAdder {

    private FullAdder() {}

    /** The circuit: reads bits from {@code a}, {@code b}, {@code cin}; writes {@code sum}, {@code carry}. */
    static Par fullAdder(Channel<Integer> a, Channel<Integer> b, Channel<Integer> cin,
            Channel<Integer> sum, Channel<Integer> carry) {
        Channel<Integer> a1 = new Channel<>("a1");
        Channel<Integer> a2 = new Channel<>("a2");
        Channel<Integer> b1 = new Channel<>("b1");
        Channel<Integer> b2 = new Channel<>("b2");
        Channel<Integer> c1 = new Channel<>("c1");
        Channel<Integer> c2 = new Channel<>("c2");
        Channel<Integer> axb = new Channel<>("a^b");
        Channel<Integer> axb1 = new Channel<>("a^b 1");
        Channel<Integer> axb2 = new Channel<>("a^b 2");
        Channel<Integer> ab = new Channel<>("a&b");
        Channel<Integer> cab = new Channel<>("c&(a^b)");
        return new Par(
                new Delta2<>(a, a1, a2),
                new Delta2<>(b, b1, b2),
                new Delta2<>(cin, c1, c2),
                new Xor<>(a1, b1, axb),
                new Delta2<>(axb, axb1, axb2),
                new Xor<>(axb1, c1, sum),
                new And<>(a2, b2, ab),
                new And<>(axb2, c2, cab),
                new Or<>(ab, cab, carry));
    }

    /** Writes {@code bits} to {@code c}, then poisons it. */
    private static CSPProcess bits(Channel<Integer> c, List<Integer> bits) {
        return new CSPProcess(() -> {
            for (int bit : bits) {
                c.write(bit);
            }
            c.poison();
        }, c);
    }

    /** The truth table: for each (a, b, cin) in binary order, the row {a, b, cin, sum, carry}. */
    static List<int[]> truthTable() throws InterruptedException {
        List<Integer> as = new ArrayList<>();
        List<Integer> bs = new ArrayList<>();
        List<Integer> cs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            as.add(i >> 2 & 1);
            bs.add(i >> 1 & 1);
            cs.add(i & 1);
        }
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        Channel<Integer> cin = new Channel<>("cin");
        Channel<Integer> sum = new Channel<>("sum");
        Channel<Integer> carry = new Channel<>("carry");
        List<int[]> rows = new ArrayList<>();
        CSPProcess reader = new CSPProcess(() -> {
            for (int i = 0; i < 8; i++) {
                rows.add(new int[] {as.get(i), bs.get(i), cs.get(i), sum.read(), carry.read()});
            }
        });
        new Par(bits(a, as), bits(b, bs), bits(cin, cs), fullAdder(a, b, cin, sum, carry),
                reader).run();
        return rows;
    }

    static void print(PrintStream out) throws InterruptedException {
        out.println("a b cin | sum carry");
        for (int[] r : truthTable()) {
            out.printf("%d %d  %d  |  %d    %d%n", r[0], r[1], r[2], r[3], r[4]);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        print(System.out);
    }
}
