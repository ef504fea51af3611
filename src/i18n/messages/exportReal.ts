/** Messages of the exports to real systems (File menu; see README.md). */
import type { Messages } from '../types';

export const en = {
  'exportReal.section': 'To real systems',
  'exportReal.asyncapi': 'Export AsyncAPI 3.0 document',
  'exportReal.kafkaTopics': 'Export kafka-topics.sh commands',
  'exportReal.properties': 'Export Kafka client .properties',
  'exportReal.client': 'Export Node client script (kafkajs / amqplib)',
  'exportReal.notCompiled':
    'The design has problems, so it cannot be exported to a real system yet: fix what the canvas marks in red.',
  'exportReal.done.asyncapi':
    'The channels, operations and messages of the design, with Kafka and AMQP bindings (AsyncAPI 3.0.0).',
  'exportReal.done.kafkaTopics':
    'One kafka-topics.sh --create per topic; set BOOTSTRAP to your cluster before running it.',
  'exportReal.done.properties':
    'One .properties section per producer and consumer group, with the design’s settings.',
  'exportReal.done.client':
    'Run it with Node after npm install kafkajs amqplib; --create-topics creates the topics first.',
  'exportReal.warning': 'Note: {text}',
  'exportReal.nothing': 'The design has nothing of this kind to export.',
};

export const zh: Messages<typeof en> = {
  'exportReal.section': '导出到真实系统',
  'exportReal.asyncapi': '导出 AsyncAPI 3.0 文档',
  'exportReal.kafkaTopics': '导出 kafka-topics.sh 命令',
  'exportReal.properties': '导出 Kafka 客户端 .properties',
  'exportReal.client': '导出 Node 客户端脚本（kafkajs / amqplib）',
  'exportReal.notCompiled': '此设计还有问题，暂时不能导出到真实系统：请先修正画布上标红的地方。',
  'exportReal.done.asyncapi': '设计的通道、操作和消息，带 Kafka 与 AMQP 绑定（AsyncAPI 3.0.0）。',
  'exportReal.done.kafkaTopics':
    '每个主题一条 kafka-topics.sh --create；运行前把 BOOTSTRAP 设为你的集群地址。',
  'exportReal.done.properties': '每个生产者和消费者组一段 .properties，带设计中的设置。',
  'exportReal.done.client':
    '先 npm install kafkajs amqplib，再用 Node 运行；--create-topics 会先创建主题。',
  'exportReal.warning': '注意：{text}',
  'exportReal.nothing': '此设计没有可导出的这类内容。',
};
