import type { NodeKind } from '../../diagram';

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
} as const;

/** A small glyph per node kind, used in the palette. */
export function KindIcon({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case 'producer':
      return (
        <svg {...common}>
          <path d="M2 8h9M8 4.5 11.5 8 8 11.5" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M13.5 3v10" strokeLinecap="round" />
        </svg>
      );
    case 'topic':
    case 'deadLetterTopic':
      return (
        <svg {...common}>
          <rect x="2" y="3" width="12" height="3" rx="1" />
          <rect x="2" y="10" width="12" height="3" rx="1" />
          {kind === 'deadLetterTopic' && (
            <path d="M6 6.5 10 9.5M10 6.5 6 9.5" strokeLinecap="round" />
          )}
        </svg>
      );
    case 'consumerGroup':
      return (
        <svg {...common}>
          <circle cx="5.5" cy="6" r="2.2" />
          <circle cx="10.5" cy="6" r="2.2" />
          <path
            d="M2 13c.6-2 2-3 3.5-3s2.9 1 3.5 3M7.5 13c.5-1.6 1.6-3 3-3s2.5 1 3 3"
            strokeLinecap="round"
          />
        </svg>
      );
    case 'service':
      return (
        <svg {...common}>
          <rect x="3" y="3" width="10" height="10" rx="2.5" />
          <path d="M6 8h4M8.5 6.5 10 8l-1.5 1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'exchange':
      return (
        <svg {...common}>
          <path
            d="M2 8h4M6 8l4-4.5h3.5M6 8l4 4.5h3.5M6 8h7.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case 'queue':
      return (
        <svg {...common}>
          <rect x="1.5" y="4.5" width="13" height="7" rx="1.5" />
          <path d="M5 4.5v7M8 4.5v7M11 4.5v7" />
        </svg>
      );
    case 'readModel':
      return (
        <svg {...common}>
          <rect x="2.5" y="3" width="11" height="10" rx="1.5" />
          <path d="M2.5 6.5h11M6.5 6.5V13" />
        </svg>
      );
    case 'aggregate':
      return (
        <svg {...common}>
          <path d="M8 2 13.5 5v6L8 14 2.5 11V5z" strokeLinejoin="round" />
          <path d="M5.5 8h5" strokeLinecap="round" />
        </svg>
      );
    case 'eventStore':
      return (
        <svg {...common}>
          <ellipse cx="8" cy="4" rx="5.5" ry="2" />
          <path d="M2.5 4v8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2V4M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
        </svg>
      );
    case 'projection':
      return (
        <svg {...common}>
          <path d="M2 4h4M2 8h4M2 12h4M7 8h3" strokeLinecap="round" />
          <rect x="10.5" y="4.5" width="4" height="7" rx="1" />
        </svg>
      );
    case 'query':
      return (
        <svg {...common}>
          <circle cx="7" cy="7" r="4" />
          <path d="m10 10 3.5 3.5" strokeLinecap="round" />
        </svg>
      );
  }
}
