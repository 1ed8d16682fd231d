"""Site generator: a structured report (YAML) to a trilingual MkDocs Material site.

Stages, one module each, plain functions from data to text:

    yamlsource  bytes -> positioned YAML tree (line numbers kept)
    load        positioned tree -> typed, validated `schema.Report`
    render      Report + language -> Markdown pages (Jinja templates)
    convert     Simplified Markdown -> Traditional Markdown (OpenCC + overrides)
    hooks       MkDocs hooks: feed the generated pages to MkDocs, per language

Only `build`, `check`, `bench` (command-line entries) and `hooks` touch the disk.
"""
