/**
 * The bundle's entry: it starts GraphiQL from a microtask, not from the
 * bundle's top level. Chromium collects source positions for every function
 * on the stack whenever an `Error` is made, and React and graphql make a few
 * while their modules load: with the 1.3 MB top level on that stack, that
 * meant re-reading the whole bundle (about 0.5 s of a first load here). From
 * a microtask the stack holds only the small module-init functions (esbuild
 * wraps every module it reaches through `import()`).
 */
void import('./app.tsx');
