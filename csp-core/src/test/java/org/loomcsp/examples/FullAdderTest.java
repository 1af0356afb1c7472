package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class FullAdderTest {

    /** The circuit of builtins computes a + b + cin = 2 * carry + sum for all 8 inputs. */
    @BackendTest
    void truthTable(Backend backend) throws Exception {
        List<int[]> rows = FullAdder.truthTable();
        assertThat(rows).hasSize(8);
        for (int[] r : rows) {
            int total = r[0] + r[1] + r[2];
            assertThat(r[3]).as("sum of %d%d%d", r[0], r[1], r[2]).isEqualTo(total & 1);
            assertThat(r[4]).as("carry of %d%d%d", r[0], r[1], r[2]).isEqualTo(total >> 1);
        }
        Capture c = new Capture();
        FullAdder.print(c.out);
        assertThat(c.lines()).hasSize(9).contains("1 1  1  |  1    1");
    }
}
