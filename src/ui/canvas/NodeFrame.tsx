import { Handle, Position } from '@xyflow/react';
import type { CSSProperties, ReactNode } from 'react';
import { hasInput, hasOutput, type NodeKind } from '../../diagram';
import { useRenderMsg, useT, type MessageKey } from '../../i18n';
import { selectLessonHighlight, useLessonStore } from '../../store/lessonStore';
import { selectNodeIssues } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { KIND_LABEL } from './kindLabel';

interface Props {
  id: string;
  kind: NodeKind;
  title: string;
  testId: string;
  width: number;
  /** The group colour, for group kinds. */
  color?: string;
  badge?: ReactNode;
  sub?: ReactNode;
  children?: ReactNode;
  /** What the node is called when its kind's usual name does not fit (a queue's consumers). */
  kindLabel?: MessageKey;
}

const SHOWN_ISSUES = 3;

/** The common shell of every node: handles, kind and title, and its problems (outlined, in words). */
export function NodeFrame({
  id,
  kind,
  title,
  testId,
  width,
  color,
  badge,
  sub,
  children,
  kindLabel,
}: Props) {
  const t = useT();
  const render = useRenderMsg();
  const issues = useAppStore(selectNodeIssues(id));
  const lesson = useLessonStore(selectLessonHighlight(title));
  const style = { width, ...(color ? { '--group-color': color } : {}) } as CSSProperties;
  const invalid = issues.length > 0;
  return (
    <div
      className={`node node--${kind}${invalid ? ' node--invalid' : ''}${lesson ? ' node--lesson' : ''}`}
      style={style}
      data-testid={testId}
      data-invalid={invalid}
    >
      {hasInput(kind) && <Handle type="target" position={Position.Left} />}
      <header className="node__header">
        <span className="node__kind">
          {color && <i className="group-dot" />}
          {t(kindLabel ?? KIND_LABEL[kind])}
          {badge}
        </span>
        <span className="node__title">
          {title || <em className="node__unnamed">{t('canvas.node.unnamed')}</em>}
        </span>
        {sub}
      </header>
      {children}
      {invalid && (
        <ul className="node__issues" data-testid={`${testId}-issues`} role="alert">
          {issues.slice(0, SHOWN_ISSUES).map((i, k) => (
            <li key={k}>{render(i.text ?? i.message)}</li>
          ))}
          {issues.length > SHOWN_ISSUES && (
            <li>{t('canvas.node.moreIssues', { n: issues.length - SHOWN_ISSUES })}</li>
          )}
        </ul>
      )}
      {hasOutput(kind) && <Handle type="source" position={Position.Right} />}
    </div>
  );
}
