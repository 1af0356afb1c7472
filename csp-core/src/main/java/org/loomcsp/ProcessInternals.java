package org.loomcsp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.loomcsp.internal.poison.Referents;
import org.loomcsp.internal.trace.ProcessAccess;

/**
 * The implementation of {@link ProcessAccess}: lets deadlock diagnosis and the tracer see the
 * channels and barriers a process knows, without making them public API.
 */
/*
 * The search is the one poison uses (internal.poison.Referents, docs/adr/0005), so "the channels
 * a process knows" means the same for poison, deadlock reports and network pictures. It runs only
 * when a report or a network picture is made.
 */
final class ProcessInternals implements ProcessAccess {

    @Override
    public List<Object> knownResources(CSPProcess p) {
        Set<Object> out = new LinkedHashSet<>();
        Referents.forEachResource(p.knownRoots(), r -> {
            switch (r) {
                case ChannelInput<?> in -> out.add(in.channel().core);
                case ChannelOutput<?> o -> out.add(o.channel().core);
                default -> out.add(r); // a Barrier
            }
        });
        return new ArrayList<>(out);
    }
}
