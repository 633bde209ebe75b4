import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveRendererFile } from '../../electron/app/renderer-files';

const ROOT = path.resolve('/srv/app/renderer');

describe('resolveRendererFile', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc.js', 'assets/index-abc.js'],
    ['/assets/a%20b.css', 'assets/a b.css'],
  ])('maps %j inside the renderer folder', (urlPath, relative) => {
    expect(resolveRendererFile(ROOT, urlPath)).toBe(path.join(ROOT, relative));
  });

  it.each([
    '/../secrets.txt',
    '/assets/../../package.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets\\..\\..\\x',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %j', (urlPath) => {
    expect(resolveRendererFile(ROOT, urlPath)).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer ships and falls back to octet-stream', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.exe')).toBe('application/octet-stream');
  });
});
