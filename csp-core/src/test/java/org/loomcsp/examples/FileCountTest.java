package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.Par;
import org.loomcsp.testing.BackendTest;

class FileCountTest {

    @TempDir
    Path dir;

    /** One process per regular file, each counting words (not lines). */
    @BackendTest
    void countsWordsOfEveryFile(Backend backend) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "one two three\nfour\n\n  five  six ");
        Files.writeString(dir.resolve("b.txt"), "");
        Files.writeString(dir.resolve("c.txt"), "single");
        Files.createDirectory(dir.resolve("sub"));
        Capture c = new Capture();
        Par p = FileCount.directoryCount(dir, c.out);
        assertThat(p.size()).isEqualTo(3);
        p.run();
        assertThat(c.lines()).containsExactlyInAnyOrder("a.txt: 6 words", "b.txt: 0 words",
                "c.txt: 1 words");
    }
}
