package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class TracesTest {

    @TempDir
    Path dir;

    /** sin and cos traces are the functions sampled every 0.1. */
    @BackendTest
    void sinAndCosSampleTheFunctions(Backend backend) throws Exception {
        List<Double> sin = Traces.samples("sin", 20);
        List<Double> cos = Traces.samples("cos", 20);
        for (int k = 0; k < 20; k++) {
            assertThat(sin.get(k)).isCloseTo(Math.sin(k * 0.1), within(1e-12));
            assertThat(cos.get(k)).isCloseTo(Math.cos(k * 0.1), within(1e-12));
        }
    }

    /** mux interleaves cos and sin of the same point: Delta2 then Mux2. */
    @BackendTest
    void muxInterleavesCosAndSin(Backend backend) throws Exception {
        List<Double> mux = Traces.samples("mux", 20);
        for (int k = 0; k < 10; k++) {
            assertThat(mux.get(2 * k)).isCloseTo(Math.cos(k * 0.1), within(1e-12));
            assertThat(mux.get(2 * k + 1)).isCloseTo(Math.sin(k * 0.1), within(1e-12));
        }
    }

    /** random stays in [-1, 1); the PNG has the scope's size and shows a trace. */
    @BackendTest
    void randomTraceIsPlotted(Backend backend) throws Exception {
        List<Double> rnd = Traces.samples("random", 100);
        assertThat(rnd).hasSize(100).allMatch(v -> v >= -1 && v < 1);
        Path png = dir.resolve("t.png");
        Traces.write("sin", png, 64);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(Traces.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Traces.HEIGHT);
        // sin(0) = 0: the trace starts on the middle line, in green.
        assertThat((img.getRGB(0, Traces.HEIGHT / 2) >> 8) & 0xff).isGreaterThan(100);
        // sin(6.3) is about 0.0168: by column 63 the trace has gone up by 80 pixels and back.
        boolean wentUp = false;
        for (int y = 0; y < Traces.HEIGHT / 2 - 60; y++) {
            wentUp |= ((img.getRGB(15, y) >> 8) & 0xff) > 100;
        }
        assertThat(wentUp).isTrue();
    }
}
