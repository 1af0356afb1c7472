package org.loomcsp.net.multijvm;

import java.io.Serializable;
import org.loomcsp.net.Codec;

/** The Pi worker farm's values: integrate 4/(1+x^2) over [0,1] in slices. */
final class PiFarm {
    record Job(int index, int slices, int steps) implements Serializable {}

    record Result(int index, double value, String worker) implements Serializable {}

    static final Codec<Job> CODEC_JOB = Codec.java(Job.class);
    static final Codec<Result> CODEC_RESULT = Codec.java(Result.class);

    private PiFarm() {}

    static Result compute(Job j, String worker) {
        double width = 1.0 / j.slices();
        double from = j.index() * width;
        double h = width / j.steps();
        double sum = 0;
        for (int i = 0; i < j.steps(); i++) {
            double x = from + (i + 0.5) * h;
            sum += 4 / (1 + x * x);
        }
        return new Result(j.index(), sum * h, worker);
    }
}
