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

{{/*
The in-memory gallery lives in one pod: a second pod would enrol and answer from a gallery of
its own. Refuse to render such a release unless the user says they know.
*/}}
{{- define "siamese-verify.checkReplicas" -}}
{{- if and (eq .Values.gallery.store "in-memory") (not .Values.gallery.acknowledgeInMemoryPerPod) }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail (printf "replicaCount is %d, but gallery.store is in-memory: every pod would hold its own gallery, so a subject enrolled through one pod would be unknown to the others. Keep replicaCount 1, or set gallery.acknowledgeInMemoryPerPod=true if that is what you want." (int .Values.replicaCount)) }}
{{- end }}
{{- if .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled is true, but gallery.store is in-memory: every pod would hold its own gallery, so a subject enrolled through one pod would be unknown to the others. Disable autoscaling, or set gallery.acknowledgeInMemoryPerPod=true if that is what you want." }}
{{- end }}
{{- end }}
{{- end }}
