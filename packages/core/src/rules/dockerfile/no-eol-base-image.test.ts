import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-eol-base-image.js";

const settings = { eolDate: "2026-11-29" };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "a named build context replaces the image of its name", code: "FROM ubuntu:16.04\n", settings: { ...settings, buildContexts: ["ubuntu:16.04"] } },
    { code: "FROM ubuntu:24.04\n", settings },
    { code: "FROM python:3\n", settings, name: "a moving major line is not judged" },
    { code: "FROM python:3.12-slim-bookworm\n", settings },
    { code: "FROM node:22-alpine\n", settings },
    { code: "FROM golang:1.21rc2\n", settings, name: "pre-release tags are not judged" },
    { code: "ARG TAG\nFROM ubuntu:${TAG}\n", settings, name: "unknown variable" },
    { code: "FROM myregistry.example.com/ubuntu:16.04\n", settings, name: "not Docker Hub's official image" },
    { code: "FROM bitnami/python:3.8\n", settings },
    { code: "FROM scratch\n", settings },
    { code: "FROM debian:bullseye\n", settings: { eolDate: "2026-08-31" }, name: "the last day of support is still supported" },
    { code: "FROM ubuntu:16.04 AS base\nFROM base\n", settings: { eolDate: "2021-01-01" } },
  ],
  invalid: [
    {
      code: "FROM ubuntu:16.04\n",
      settings,
      errors: [
        {
          messageId: "eol",
          line: 1,
          column: 13,
          endColumn: 18,
          message:
            "Base image `ubuntu:16.04` is Ubuntu 16.04 LTS (Xenial Xerus), whose standard support ended on 2021-04-30 (https://ubuntu.com/about/release-cycle): it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).",
        },
      ],
    },
    { code: "FROM ubuntu:xenial-20210416\n", settings, errors: [{ messageId: "eol", line: 1, column: 13, endColumn: 19 }] },
    { code: "FROM python:3.8-slim\n", settings, errors: [{ messageId: "eol", line: 1, column: 13, endColumn: 16 }] },
    { code: "FROM python:2\n", settings, name: "closed line means its last release", errors: [{ messageId: "eol", line: 1, column: 13 }] },
    { code: "FROM python:3.12-slim-buster\n", settings, errors: [{ messageId: "eolVariant", line: 1, column: 23, endColumn: 29 }] },
    { code: "FROM node:20-alpine3.15\n", settings, errors: [{ messageId: "eol", line: 1, column: 11, endColumn: 13 }] },
    { code: "FROM node:22-alpine3.15\n", settings, errors: [{ messageId: "eolVariant", line: 1, column: 14, endColumn: 24 }] },
    { code: "FROM debian:bullseye-slim\n", settings, errors: [{ messageId: "eol", line: 1, column: 13, endColumn: 21 }] },
    { code: "FROM centos\n", settings, name: "centos:latest is CentOS 8", errors: [{ messageId: "eol", line: 1, column: 6, endColumn: 12 }] },
    { code: "FROM centos:centos7.9.2009\n", settings, errors: [{ messageId: "eol", line: 1, column: 19, endColumn: 27 }] },
    { code: "FROM openjdk:8u212-jre-alpine\n", settings, errors: [{ messageId: "eol", line: 1, column: 14, endColumn: 15 }] },
    { code: "FROM php:7-fpm\n", settings, errors: [{ messageId: "eol", line: 1, column: 10, endColumn: 11 }] },
    { code: "FROM docker.io/library/ubuntu:18.04@sha256:" + "a".repeat(64) + "\n", settings, errors: [{ messageId: "eol", line: 1, column: 31, endColumn: 36 }] },
    { code: "ARG V=14\nFROM node:${V}-bullseye\n", settings, name: "ARG default resolved", errors: [{ messageId: "eol", line: 2, column: 6, endColumn: 24 }] },
    {
      code: "FROM node:14 AS base\nFROM base AS development\nRUN npm ci\nFROM golang:1.15 AS build\nFROM alpine:3.8\nCOPY --from=build /x /x\n",
      settings: { ...settings, buildTargets: ["development"] },
      name: "a build target's base image (Compose's build.target) ships: it is reported as the final image's is",
      errors: [
        { messageId: "eol", line: 1, column: 11, endColumn: 13 },
        { messageId: "eolBuildStage", line: 4, column: 13, endColumn: 17 },
        { messageId: "eol", line: 5, column: 13, endColumn: 16 },
      ],
    },
    {
      code: "FROM golang:1.15 AS build\nRUN go build\nFROM alpine:3.8\nCOPY --from=build /x /x\n",
      settings,
      name: "a build stage is reported at level info, the final image at the rule's level",
      errors: [
        { messageId: "eolBuildStage", line: 1, column: 13, endColumn: 17 },
        { messageId: "eol", line: 3, column: 13, endColumn: 16 },
      ],
    },
    {
      code: "ARG BASE_BUILDER\nFROM ubuntu:20.04 AS ubuntu-20.04-base\nFROM ubuntu:24.04 AS ubuntu-24.04-base\nFROM $BASE_BUILDER AS builder\nRUN make\n",
      settings,
      // fluent-bit's packaging: build.sh passes --build-arg BASE_BUILDER=ubuntu-20.04-base.
      name: "a final FROM that a build argument may point at any stage may ship every stage: the rule's level",
      errors: [{ messageId: "eol", line: 2, column: 13, endColumn: 18 }],
    },
    {
      code: "FROM ubuntu:20.04 AS base-amd64\nFROM debian:10 AS base-arm64\nFROM base-$TARGETARCH AS final\nUSER 1000\n",
      settings,
      name: "every stage a platform ARG may pick ships on its platform",
      errors: [
        { messageId: "eol", line: 1, column: 13, endColumn: 18 },
        { messageId: "eol", line: 2, column: 13, endColumn: 15 },
      ],
    },
    {
      // swiftlang/swift-docker's buildx Dockerfiles: the final stage is built on base-amd64 or base-arm64, both `FROM base`.
      code: "FROM ubuntu:20.04 AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\nUSER 1000\n",
      settings,
      name: "the base image of the stages a platform ARG picks from ships in the final image",
      errors: [
        {
          messageId: "eol",
          line: 1,
          column: 13,
          endColumn: 18,
          message:
            "Base image `ubuntu:20.04` is Ubuntu 20.04 LTS (Focal Fossa), whose standard support ended on 2025-05-29 (https://ubuntu.com/about/release-cycle): it gets no security fixes any more; move to Ubuntu 24.04 LTS (Noble Numbat) (`ubuntu:24.04`).",
        },
      ],
    },
  ],
});
