{{/* The chart name, or nameOverride. */}}
{{- define "siamese-verify.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* release-chart, or fullnameOverride; the release name alone when it already holds the chart name. */}}
{{- define "siamese-verify.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels for selectors: stable across upgrades, so never the chart or app version. */}}
{{- define "siamese-verify.selectorLabels" -}}
app.kubernetes.io/name: {{ include "siamese-verify.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "siamese-verify.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "siamese-verify.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: api
app.kubernetes.io/part-of: siamese-verify
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "siamese-verify.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "siamese-verify.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "siamese-verify.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Pods: as set, else 2 when replicas share a PostgreSQL gallery, else 1. */}}
{{- define "siamese-verify.replicas" -}}
{{- if kindIs "invalid" .Values.replicaCount }}
{{- if eq .Values.gallery.store "postgres" }}2{{ else }}1{{ end }}
{{- else }}
{{- int .Values.replicaCount }}
{{- end }}
{{- end }}

{{/* The claim that holds the embedded store's database file. */}}
{{- define "siamese-verify.galleryClaim" -}}
{{- default (printf "%s-gallery" (include "siamese-verify.fullname" .)) .Values.gallery.embedded.existingClaim }}
{{- end }}

{{/*
Refuse to render a release whose pods could not share their gallery. The embedded store is a
file on a ReadWriteOnce volume that one pod writes; the memory store lives in each pod; only
PostgreSQL lets several pods serve one gallery.
*/}}
{{- define "siamese-verify.checkReplicas" -}}
{{- $replicas := int (include "siamese-verify.replicas" .) }}
{{- $store := .Values.gallery.store }}
{{- if eq $store "embedded" }}
{{- if gt $replicas 1 }}
{{- fail (printf "replicaCount is %d, but gallery.store is embedded: the gallery is an SQLite file on a ReadWriteOnce volume that one pod writes, so a second pod cannot share it. Keep replicaCount 1, or use gallery.store=postgres to run several pods." $replicas) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled is true, but gallery.store is embedded: the gallery is an SQLite file that one pod writes. Use gallery.store=postgres to autoscale." }}
{{- end }}
{{- end }}
{{- if and (eq $store "memory") (not .Values.gallery.acknowledgeInMemoryPerPod) }}
{{- if gt $replicas 1 }}
{{- fail (printf "replicaCount is %d, but gallery.store is memory: every pod would hold its own gallery, so a subject enrolled through one pod would be unknown to the others. Use gallery.store=postgres, keep replicaCount 1, or set gallery.acknowledgeInMemoryPerPod=true if that is what you want." $replicas) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled is true, but gallery.store is memory: every pod would hold its own gallery, so a subject enrolled through one pod would be unknown to the others. Use gallery.store=postgres, disable autoscaling, or set gallery.acknowledgeInMemoryPerPod=true if that is what you want." }}
{{- end }}
{{- end }}
{{- if and (eq $store "postgres") (or (not .Values.gallery.postgres.url) (not .Values.gallery.postgres.existingSecret)) }}
{{- fail "gallery.store is postgres: set gallery.postgres.url (a JDBC URL) and gallery.postgres.existingSecret (a Secret with the database user's name and password)." }}
{{- end }}
{{- end }}

{{/* The Secret that holds the API keys' configuration: the user's, or the one the chart makes. */}}
{{- define "siamese-verify.keysSecret" -}}
{{- .Values.auth.existingSecret | default (printf "%s-keys" (include "siamese-verify.fullname" .)) }}
{{- end }}
