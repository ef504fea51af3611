/** Small inline icons (no icon font, no extra dependency). */
const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);

export const PauseIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.8" fill="currentColor" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.8" fill="currentColor" />
  </svg>
);

export const ResetIcon = () => (
  <svg {...common}>
    <path d="M3 8a5 5 0 1 0 1.6-3.7M3 2.5v3h3" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const LogoMark = () => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
    <rect x="1" y="1" width="22" height="22" rx="6" fill="var(--accent)" />
    <path d="M6 8h7M6 12h12M6 16h9" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
  </svg>
);

export const UndoIcon = () => (
  <svg {...common}>
    <path d="M5.5 3.5 2.5 6.5l3 3M3 6.5h6.5a4 4 0 0 1 0 8H7" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const RedoIcon = () => (
  <svg {...common}>
    <path d="M10.5 3.5l3 3-3 3M13 6.5H6.5a4 4 0 0 0 0 8H9" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const LayoutIcon = () => (
  <svg {...common}>
    <rect x="1.5" y="6" width="4" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <rect x="10.5" y="2" width="4" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <rect x="10.5" y="10" width="4" height="4" rx="1" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <path d="M5.5 8h2.5V4h2.5M8 8v4h2.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
  </svg>
);

export const MoonIcon = () => (
  <svg {...common}>
    <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
  </svg>
);

export const SunIcon = () => (
  <svg {...common}>
    <circle cx="8" cy="8" r="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
    <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
  </svg>
);

export const ToStartIcon = () => (
  <svg {...common}>
    <rect x="2.5" y="2.5" width="2" height="11" rx="0.6" fill="currentColor" />
    <path d="M13.5 2.5v11L5.5 8z" fill="currentColor" />
  </svg>
);

export const StepBackIcon = () => (
  <svg {...common}>
    <path d="M10.5 3.5v9L4.5 8z" fill="currentColor" />
  </svg>
);

export const StepIcon = () => (
  <svg {...common}>
    <path d="M5.5 3.5v9l6-4.5z" fill="currentColor" />
  </svg>
);
