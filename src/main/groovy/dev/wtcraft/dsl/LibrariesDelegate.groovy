package dev.wtcraft.dsl

/**
 * `libraries { use 'https://git.example.com/acme/recipes.git@v1.4.2', as: 'acme' }`: the vocabulary of the block,
 * for the purity check and the editor. The block itself is never run: it is read from the recipe's syntax tree
 * before the recipe compiles (LibraryDeclarations), so that libraries are on the class path when it does.
 */
class LibrariesDelegate extends BlockDelegate {
    static final Set<String> KEYWORDS = Keywords.of(LibrariesDelegate)

    LibrariesDelegate(RecipeBuilder builder) {
        super(builder)
    }

    protected String where() { 'libraries' }

    protected Set<String> keywords() { KEYWORDS }

    void use(Object spec) {
    }

    void use(Map options, Object spec) {
    }
}
