package org.loomcsp;

import java.util.Collection;
import java.util.List;

/** DEV STUB. */
public class Par extends CSPProcess {
    public Par(CSPProcess... ps) { this(List.of(ps)); }
    public Par(Collection<? extends CSPProcess> ps) {
        super(() -> {
            CSPProcess[] a = ps.toArray(new CSPProcess[0]);
            for (CSPProcess p : a) p.start();
            for (CSPProcess p : a) p.join();
        });
    }
}
