package dev.wtcraft.ci;

/**
 * The actions the compiled workflow uses, each pinned by the full commit of a release: a tag can be moved to other
 * code, a commit cannot.
 */
final class Actions {
    /** One action at one commit, with the release that commit is (for people; GitHub reads only the commit). */
    record Pin(String action, String commit, String release) {
        String ref() {
            return action + "@" + commit;
        }
    }

    static final Pin CHECKOUT = new Pin("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    static final Pin SETUP_JAVA = new Pin("actions/setup-java", "c5195efecf7bdfc987ee8bae7a71cb8b11521c00", "v4.7.1");
    static final Pin UPLOAD_ARTIFACT = new Pin("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    static final Pin DOWNLOAD_ARTIFACT = new Pin("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");

    private Actions() {
    }
}
