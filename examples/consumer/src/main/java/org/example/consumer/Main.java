package org.example.consumer;

import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/**
 * A three-stage pipeline whose stages only capture their channels; the consumer poisons its
 * input after five values and the whole network shuts down. Exits with status 1 if the result is
 * not what it should be.
 */
public final class Main {

    public static void main(String[] args) throws InterruptedException {
        Channel<Integer> numbers = new Channel<>();
        Channel<Integer> squares = new Channel<>();
        List<Integer> got = new ArrayList<>();

        CSPProcess producer = process(() -> {
            for (int i = 1; ; i++) numbers.write(i);
        });
        CSPProcess square = process(() -> {
            while (true) {
                int n = numbers.read();
                squares.write(n * n);
            }
        });
        CSPProcess consumer = process(() -> {
            for (int i = 0; i < 5; i++) got.add(squares.read());
            squares.poison();
        });
        new Par(producer, square, consumer).run();

        String where = args.length > 0 ? args[0] : "?";
        Module m = Main.class.getModule();
        System.out.println("loomcsp consumer (" + where + ", module " + (m.isNamed() ? m.getName() : "unnamed")
                + "): " + got);
        if (!got.equals(List.of(1, 4, 9, 16, 25))) {
            System.err.println("unexpected result " + got);
            System.exit(1);
        }
    }
}
