import { describe, expect, it } from 'vitest';
import { designToSvg } from './svgExport';

const theme = {
  background: '#fff',
  surface: '#fff',
  border: '#ccc',
  text: '#000',
  muted: '#666',
  danger: '#d00',
};

describe('designToSvg', () => {
  it('draws one group per node and one path per edge, escaping labels', () => {
    const svg = designToSvg(
      [
        {
          id: 'a',
          x: 0,
          y: 0,
          width: 100,
          height: 80,
          kind: 'Producer',
          title: 'shop <1>',
          lines: ['~100/s'],
          accent: '#00f',
        },
        {
          id: 'b',
          x: 200,
          y: 0,
          width: 100,
          height: 80,
          kind: 'Topic',
          title: 'orders',
          lines: [],
          accent: '#888',
          error: 'partitions: must be ≥ 1',
        },
      ],
      [{ source: 'a', target: 'b', color: '#00f' }],
      theme,
      'My & design',
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g data-node=/g)).toHaveLength(2);
    expect(svg.match(/<path d="M[^"]* C/g)).toHaveLength(1);
    expect(svg).toContain('shop &lt;1&gt;');
    expect(svg).toContain('<title>My &amp; design</title>');
    expect(svg).toContain('⚠ partitions');
  });
});
