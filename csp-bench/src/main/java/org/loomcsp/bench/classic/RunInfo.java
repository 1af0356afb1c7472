package org.loomcsp.bench.classic;

import java.io.PrintWriter;
import org.loomcsp.bench.support.Carriers;

/** Common header of the classic programs: where they ran. */
final class RunInfo {
    private RunInfo() {}

    /** Must run before the first virtual thread is created. */
    static void applyCarriers(Integer carriers) {
        if (carriers != null) {
            System.setProperty(Carriers.PROPERTY, Integer.toString(carriers));
        }
    }

    static void print(PrintWriter out) {
        String p = System.getProperty(Carriers.PROPERTY);
        out.printf("# JDK %s %s, %d cores, %s=%s%n", System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
                Carriers.PROPERTY, p != null ? p : "default (" + Runtime.getRuntime().availableProcessors() + ")");
        out.flush();
    }
}
