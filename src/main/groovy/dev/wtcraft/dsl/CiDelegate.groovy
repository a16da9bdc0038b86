package dev.wtcraft.dsl

import dev.wtcraft.model.CiSettings

/** `ci { runsOn 'ubuntu-latest'; land false }`: how `wtcraft ci github` compiles the recipe into a workflow. */
class CiDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(CiDelegate)

    String runsOn = CiSettings.DEFAULT.runsOn()
    String url
    String sha256
    boolean land = CiSettings.DEFAULT.land()
    String landEnvironment
    String java = CiSettings.DEFAULT.javaVersion()

    CiDelegate(RecipeBuilder builder) {
        super(builder)
    }

    protected String where() { 'the ci block' }

    protected Set<String> keywords() { KEYWORDS }

    void runsOn(Object label) {
        runsOn = text('runsOn', label)
    }

    /** `wtcraft url: 'https://…/wtcraft.jar', sha256: '…'`: the jar the jobs install, pinned by its hash. */
    void wtcraft(Map options) {
        def unknown = options.keySet() - ['url', 'sha256']
        if (unknown || !options.url) {
            throw new DslError("'wtcraft' in ${where()} takes url: and sha256:, like: wtcraft url: 'https://example.com/wtcraft.jar', sha256: '<64 hex digits>'")
        }
        url = text('wtcraft', options.url)
        if (options.sha256 != null) {
            String h = text('wtcraft', options.sha256).toLowerCase(Locale.ROOT)
            if (!(h ==~ /[0-9a-f]{64}/)) {
                throw new DslError("wrong argument for 'wtcraft' in ${where()}: sha256 must be 64 hex digits, got '${options.sha256}'")
            }
            sha256 = h
        }
    }

    void land(Object value) {
        land = flag('land', value)
    }

    void landEnvironment(Object name) {
        landEnvironment = text('landEnvironment', name)
    }

    void java(Object release) {
        java = text('java', release instanceof Number ? release.toString() : release)
    }

    static CiSettings build(RecipeBuilder builder, Closure body) {
        def d = new CiDelegate(builder)
        RecipeBuilder.runBlock(body, d)
        new CiSettings(d.runsOn, d.url, d.sha256, d.land, d.landEnvironment, d.java)
    }
}
