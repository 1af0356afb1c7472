package org.loomcsp;
/** DEV STUB of the sketched API (see pom profile dev-stub); deleted when csp-core lands. */
public enum Backend { VIRTUAL, PLATFORM }
