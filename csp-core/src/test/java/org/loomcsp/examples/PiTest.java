package org.loomcsp.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.loomcsp.Backend;
import org.loomcsp.testing.BackendTest;

class PiTest {

    /** The farm's estimate is the exact sum of its workers' counts (whatever order the Alt took them in) and close to pi. */
    @BackendTest
    void estimatesPi(Backend backend) throws Exception {
        int workers = 16;
        int samples = 20_000;
        long inside = 0;
        for (int i = 0; i < workers; i++) {
            inside += Pi.countInside(i, samples);
        }
        double expected = 4.0 * inside / ((double) workers * samples);
        double pi = Pi.estimate(workers, samples);
        assertThat(pi).isEqualTo(expected);
        assertThat(pi).isCloseTo(Math.PI, within(0.05));
    }
}
