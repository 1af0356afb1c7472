package org.loomcsp.examples;

import static org.loomcsp.Csp.process;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/**
 * Tutorial parts 3 and 5: the Mandelbrot set with a producer process per column of the picture
 * and a consumer that takes each column as soon as it is ready, through an {@link Alt}
 * ({@code alt.repeat(n)}, python-csp's {@code len(cins) * Alt(*cins)}).
 *
 * <p>Each {@code mandelbrot(x, w, h, cout)} process computes column {@code x} (at most {@value
 * #MAX_ITER} iterations per point, coloured by the normalised iteration count) and writes it to
 * its own channel. python-csp blitted the columns to a pygame window; this writes a PNG with
 * {@code javax.imageio} instead (AWT runs headless; no window is opened).
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=Mandelbrot
 * [-Dargs="FILE.png [WIDTH HEIGHT]"]} (default {@code target/mandelbrot.png}, 320 by 240; relative paths are from csp-core/).
 */
public final class Mandelbrot {

    /** The iteration limit, as in python-csp. */
    static final int MAX_ITER = 100;

    private Mandelbrot() {}

    /** A computed column: its index and one RGB value per row. */
    record Column(int x, int[] rgb) {}

    /** Computes column {@code x} of a {@code w} by {@code h} picture and writes it to {@code cout}. */
    static CSPProcess mandelbrot(int x, int w, int h, Channel<Column> cout) {
        return process(() -> {
            int[] rgb = new int[h];
            double cr = -2.0 + 2.6 * x / w;
            for (int y = 0; y < h; y++) {
                double ci = -1.0 + 2.0 * y / h;
                rgb[y] = colour(cr, ci);
            }
            cout.write(new Column(x, rgb));
        }, cout);
    }

    /** The colour of point {@code c = cr + ci i}: black inside the set, a smooth palette outside. */
    static int colour(double cr, double ci) {
        double zr = 0;
        double zi = 0;
        int n = 0;
        while (n < MAX_ITER && zr * zr + zi * zi <= 4.0) {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            n++;
        }
        if (n == MAX_ITER) {
            return 0x000000;
        }
        // Normalised iteration count: a continuous value instead of bands.
        double mu = n + 1 - Math.log(Math.log(Math.sqrt(zr * zr + zi * zi))) / Math.log(2);
        double v = Math.max(0, Math.min(1, mu / MAX_ITER));
        int r = (int) (255 * Math.min(1, 3 * v));
        int g = (int) (255 * Math.max(0, Math.min(1, 3 * v - 1)));
        int b = (int) (255 * Math.max(0, Math.min(1, 3 * v - 2)) * 0.5 + 127 * (1 - v));
        return (r << 16) | (g << 8) | b;
    }

    /** Takes the {@code cins.size()} columns in whatever order they come and paints them. */
    static CSPProcess consumer(List<Channel<Column>> cins, BufferedImage image) {
        return process(() -> {
            Alt alt = new Alt(cins);
            Iterator<Object> columns = alt.repeat(cins.size());
            while (columns.hasNext()) {
                Column c = (Column) columns.next();
                for (int y = 0; y < c.rgb().length; y++) {
                    image.setRGB(c.x(), y, c.rgb()[y]);
                }
            }
        }, cins);
    }

    /** Computes a {@code w} by {@code h} picture with a process per column. */
    static BufferedImage render(int w, int h) throws InterruptedException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        List<Channel<Column>> channels = new ArrayList<>(w);
        List<CSPProcess> processes = new ArrayList<>(w + 1);
        for (int x = 0; x < w; x++) {
            Channel<Column> c = new Channel<>();
            channels.add(c);
            processes.add(mandelbrot(x, w, h, c));
        }
        processes.add(consumer(channels, image));
        new Par(processes).run();
        return image;
    }

    /** Renders and writes a PNG. */
    static void write(Path file, int w, int h) throws InterruptedException, IOException {
        System.setProperty("java.awt.headless", "true");
        if (!ImageIO.write(render(w, h), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/mandelbrot.png");
        int w = args.length > 2 ? Integer.parseInt(args[1]) : 320;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 240;
        write(file, w, h);
        System.out.println("Wrote " + file.toAbsolutePath());
    }
}
