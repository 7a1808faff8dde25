package com.acme.lib;

/** The host's copy of a library class that test plugins bundle in other versions. */
public final class Version {
    public static final String VALUE = "host";

    private Version() {}
}
