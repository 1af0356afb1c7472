package org.loomcsp.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.builtins.Cos;
import org.loomcsp.builtins.Delta2;
import org.loomcsp.builtins.GenerateFloats;
import org.loomcsp.builtins.Mux2;
import org.loomcsp.builtins.Sin;

/**
 * Tutorial part 7: signals wired from builtin processes, python-csp's {@code traces.py}. Four
 * networks feed a scope:
 * <ul>
 *   <li>{@code random}: a server writing random values in [-1, 1);
 *   <li>{@code sin}: {@link GenerateFloats} -> {@link Sin};
 *   <li>{@code cos}: {@link GenerateFloats} -> {@link Cos};
 *   <li>{@code mux}: {@link GenerateFloats} -> {@link Delta2} -> ({@link Cos}, {@link Sin}) ->
 *       {@link Mux2}: cos and sin samples interleaved.
 * </ul>
 * python-csp's oscilloscope was a pygame window; here the scope process reads a number of
 * samples, then poisons its input, which shuts the whole network down through the builtins, and
 * the trace is drawn into a 512 by 256 PNG (scale 80 pixels per unit, as python-csp's default) with
 * AWT in headless mode.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=Traces
 * [-Dargs="random|sin|cos|mux [FILE.png [SAMPLES]]"]} (default {@code mux}, {@code target/traces.png},
 * 512 samples).
 */
public final class Traces {

    static final int WIDTH = 512;
    static final int HEIGHT = 256;
    static final double SCALE = 80.0;

    private Traces() {}

    /** python-csp's {@code Random} server: writes random values in [-1, 1). */
    static CSPServer random(Channel<Double> out, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new CSPServer(() -> {
            out.write(rnd.nextDouble(-1, 1));
            return true;
        }, out);
    }

    /** The scope: reads {@code n} samples, then poisons its input to shut the network down. */
    static CSPProcess scope(Channel<Double> in, int n, List<Double> samples) {
        return new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                samples.add(in.read());
            }
            in.poison();
        }, in);
    }

    /** Runs the network for {@code mode} until the scope has {@code n} samples; returns them. */
    static List<Double> samples(String mode, int n) throws InterruptedException {
        Channel<Double> floats = new Channel<>("floats");
        Channel<Double> trace = new Channel<>("trace");
        List<Double> samples = Collections.synchronizedList(new ArrayList<>());
        List<CSPProcess> network = new ArrayList<>();
        switch (mode) {
            case "random" -> network.add(random(trace, 42));
            case "sin" -> {
                network.add(new GenerateFloats(floats));
                network.add(new Sin(floats, trace));
            }
            case "cos" -> {
                network.add(new GenerateFloats(floats));
                network.add(new Cos(floats, trace));
            }
            case "mux" -> {
                Channel<Double> toCos = new Channel<>("toCos");
                Channel<Double> toSin = new Channel<>("toSin");
                Channel<Double> cos = new Channel<>("cos");
                Channel<Double> sin = new Channel<>("sin");
                network.add(new GenerateFloats(floats));
                network.add(new Delta2<>(floats, toCos, toSin));
                network.add(new Cos(toCos, cos));
                network.add(new Sin(toSin, sin));
                network.add(new Mux2<>(cos, sin, trace));
            }
            default -> throw new IllegalArgumentException("mode must be random, sin, cos or mux: "
                    + mode);
        }
        network.add(scope(trace, n, samples));
        new Par(network).run();
        return List.copyOf(samples);
    }

    /** Draws the samples as a trace: one sample per pixel column, 0 in the middle. */
    static BufferedImage plot(List<Double> samples) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(0, HEIGHT / 2, WIDTH, HEIGHT / 2);
            g.setColor(Color.GREEN);
            g.setStroke(new BasicStroke(1.5f));
            int prevY = y(samples.isEmpty() ? 0 : samples.get(0));
            for (int x = 1; x < Math.min(WIDTH, samples.size()); x++) {
                int yy = y(samples.get(x));
                g.drawLine(x - 1, prevY, x, yy);
                prevY = yy;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static int y(double v) {
        return (int) Math.round(HEIGHT / 2.0 - v * SCALE);
    }

    static void write(String mode, Path file, int n) throws InterruptedException, IOException {
        if (!ImageIO.write(plot(samples(mode, n)), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "mux";
        Path file = Path.of(args.length > 1 ? args[1] : "target/traces.png");
        int n = args.length > 2 ? Integer.parseInt(args[2]) : WIDTH;
        write(mode, file, n);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
