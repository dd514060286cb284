package dev.dorisccr.core;

/** The version of this syncer, read from the jar manifest, or "dev" when run from classes. */
public final class CcrVersion {
    private CcrVersion() {}

    public static String get() {
        String v = CcrVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
