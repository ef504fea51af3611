/**
 * The design: what the editor draws. Nodes carry the engine's own spec fields (Kafka names) for
 * their entity, minus the references that edges express (a producer's topic, a group's topics,
 * a service's emit and dead-letter topics). Positions are UI state: saved with the design,
 * never given to the engine. Pure types: no React, no React Flow.
 */
import type { Msg } from '../i18n/types';
import type { FailureSpec, GroupSpec, ProducerSpec, Scenario, TopicSpec } from '../engine';

export type NodeKind = 'producer' | 'topic' | 'deadLetterTopic' | 'consumerGroup' | 'service' | 'readModel';
export type TopicKind = 'topic' | 'deadLetterTopic';
export type GroupKind = 'consumerGroup' | 'service' | 'readModel';

export interface XY {
  x: number;
  y: number;
}

export type ProducerData = { kind: 'producer' } & Omit<ProducerSpec, 'topic'>;

export type TopicData = { kind: TopicKind } & Omit<TopicSpec, never>;

/** An emitted event; without `topic` it goes to every topic the service is connected to. */
export type DesignEmit = { type: string; topic?: string; probability?: number; key?: 'same' | 'none' };
export type DesignHandler = { on: string; emit: DesignEmit[] };

export type GroupData = { kind: GroupKind } & Omit<GroupSpec, 'id' | 'topics' | 'handlers' | 'failure' | 'readModel'> & {
    id: string;
    handlers?: DesignHandler[];
    /** The dead-letter topic is the service's edge to a Dead-letter topic node. */
    failure?: Omit<FailureSpec, 'deadLetterTopic'>;
  };

export type NodeData = ProducerData | TopicData | GroupData;

/** The part of a React Flow node the design model needs (React Flow's nodes satisfy it). */
export interface DesignNode<D extends NodeData = NodeData> {
  id: string;
  position: XY;
  data: D;
}

export interface DesignEdge {
  id: string;
  source: string;
  target: string;
}

/** Everything in a Scenario that is not an entity on the canvas (name, seed, duration, faults…). */
export type DesignSettings = Omit<Scenario, 'topics' | 'producers' | 'groups'>;

export interface Design {
  settings: DesignSettings;
  nodes: readonly DesignNode[];
  edges: readonly DesignEdge[];
}

/** A problem found in the design, pinned to a node (and a field of it) when it has one. */
export interface Issue {
  nodeId: string | null;
  edgeId?: string;
  /** Path of the field inside the node's data, segments joined by "/": "config/max.poll.records". */
  field?: string;
  /** In English (tests, logs). */
  message: string;
  /** The same, as a message for the UI's language (compile sets it on every issue it makes). */
  text?: Msg;
}

export const isTopicKind = (k: NodeKind): k is TopicKind => k === 'topic' || k === 'deadLetterTopic';
export const isGroupKind = (k: NodeKind): k is GroupKind => k === 'consumerGroup' || k === 'service' || k === 'readModel';

export function isTopicData(d: NodeData): d is TopicData {
  return isTopicKind(d.kind);
}
export function isGroupData(d: NodeData): d is GroupData {
  return isGroupKind(d.kind);
}

/** The entity's name: a topic's name, a producer's or group's id. */
export function entityName(d: NodeData): string {
  return isTopicData(d) ? d.name : d.id;
}
