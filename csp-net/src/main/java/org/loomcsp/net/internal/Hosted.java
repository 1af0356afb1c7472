package org.loomcsp.net.internal;

import org.loomcsp.Channel;
import org.loomcsp.net.Codec;

/** A channel hosted by a node under a name, with the codec its ends must use. */
record Hosted(String name, Channel<Object> channel, Codec<Object> codec) {}
