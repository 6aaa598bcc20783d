/**
 * Stands in for @graphiql/react's `markdown.js`, which makes its markdown-it
 * renderer (linkify on) while the page's script loads: with the entity tables
 * markdown-it decodes and the patterns linkify-it compiles, about 50 ms of a
 * first load, for text that shows only when the doc explorer, a hover or a
 * completion opens. Here the renderer is made on the first `render`, with the
 * same options.
 *
 * `require`, not `import`: esbuild runs a module reached through `require`
 * when it is first required, not with the page's other modules.
 */
interface Renderer { render(text: string): string }
type MarkdownIt = new (options: { breaks: boolean; linkify: boolean }) => Renderer;

declare const require: (id: string) => { default: MarkdownIt };

let renderer: Renderer | undefined;

export const markdown: Renderer = {
  render(text) {
    // the package's ES module, as @graphiql/react imports it (not its CommonJS copy)
    renderer ??= new (require('markdown-it/index.mjs').default)({
      // as @graphiql/react: a single newline is not a line break in markdown (graphql/graphiql#3155)
      breaks: false,
      linkify: true,
    });
    return renderer.render(text);
  },
};
