package org.loomcsp;
/** DEV STUB. */
public interface Guard {}
