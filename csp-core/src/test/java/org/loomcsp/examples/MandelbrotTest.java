package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class MandelbrotTest {

    @TempDir
    Path dir;

    /** A process per column, collected through an Alt, makes a PNG of the requested size with varied pixels. */
    @BackendTest
    void writesAPngOfTheRequestedSize(Backend backend) throws Exception {
        Path png = dir.resolve("m.png");
        Mandelbrot.write(png, 48, 32);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(48);
        assertThat(img.getHeight()).isEqualTo(32);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < 48; x++) {
            for (int y = 0; y < 32; y++) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).hasSizeGreaterThan(10).contains(0x000000);
        // Every column was painted: the point (-0.5, 0), inside the set, is black in the middle.
        assertThat(img.getRGB(Math.round(1.5f / 2.6f * 48), 16) & 0xffffff).isZero();
    }
}
