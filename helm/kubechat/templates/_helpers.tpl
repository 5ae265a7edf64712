{{- define "kubechat.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kubechat.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains (include "kubechat.name" .) .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "kubechat.name" .) | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kubechat.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "kubechat.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kubechat
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "operator") */}}
{{- define "kubechat.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubechat.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "kubechat.componentLabels" -}}
{{ include "kubechat.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* An image reference: (dict "root" $ "image" .Values.operator.image). global.imageRegistry wins; a digest wins over the tag. */}}
{{- define "kubechat.image" -}}
{{- $registry := .root.Values.global.imageRegistry | default .image.registry -}}
{{- $repository := ternary .image.repository (printf "%s/%s" $registry .image.repository) (empty $registry) -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{- define "kubechat.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "kubechat.operator.fullname" -}}{{ include "kubechat.fullname" . }}-operator{{- end -}}
{{- define "kubechat.gateway.fullname" -}}{{ include "kubechat.fullname" . }}-gateway{{- end -}}
{{- define "kubechat.postgresql.fullname" -}}{{ include "kubechat.fullname" . }}-postgresql{{- end -}}

{{- define "kubechat.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- .Values.operator.serviceAccount.name | default (include "kubechat.operator.fullname" .) -}}
{{- else -}}
{{- required "operator.serviceAccount.name is required when operator.serviceAccount.create is false" .Values.operator.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kubechat.gateway.serviceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create -}}
{{- .Values.gateway.serviceAccount.name | default (include "kubechat.gateway.fullname" .) -}}
{{- else -}}
{{- required "gateway.serviceAccount.name is required when gateway.serviceAccount.create is false" .Values.gateway.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kubechat.signingKeySecret" -}}
{{- .Values.audit.signingKey.existingSecret | default (printf "%s-audit-signing-key" (include "kubechat.fullname" .)) -}}
{{- end -}}

{{/* The restricted Pod Security securityContext of every KubeChat container. */}}
{{- define "kubechat.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "kubechat.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The ledger's database as environment variables, one list for operator and gateway, whichever
postgresql.mode is chosen.
*/}}
{{- define "kubechat.databaseEnv" -}}
{{- $mode := .Values.postgresql.mode -}}
{{- if eq $mode "external" }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ required "postgresql.external.jdbcUrl is required when postgresql.mode is external (for example jdbc:postgresql://db.example.com:5432/kubechat)" .Values.postgresql.external.jdbcUrl | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ .Values.postgresql.external.username | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.external.existingSecret | default (printf "%s-database" (include "kubechat.fullname" .)) }}
      key: {{ .Values.postgresql.external.passwordKey }}
{{- else if eq $mode "bundled" }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:5432/%s" (include "kubechat.postgresql.fullname" .) .Values.postgresql.bundled.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ .Values.postgresql.bundled.username | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.bundled.existingSecret | default (include "kubechat.postgresql.fullname" .) }}
      key: password
{{- else if eq $mode "cloudnativepg" }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s-rw:5432/%s" (include "kubechat.postgresql.fullname" .) .Values.postgresql.cloudnativepg.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "kubechat.postgresql.fullname" . }}-app
      key: username
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "kubechat.postgresql.fullname" . }}-app
      key: password
{{- end }}
{{- end -}}

{{/* Preferred or required anti-affinity across nodes: (dict "root" $ "component" "gateway" "values" .Values.gateway) */}}
{{- define "kubechat.affinity" -}}
{{- if .values.affinity -}}
{{ toYaml .values.affinity }}
{{- else if eq .values.antiAffinity "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "kubechat.selectorLabels" . | nindent 10 }}
{{- else -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "kubechat.selectorLabels" . | nindent 12 }}
{{- end -}}
{{- end -}}

{{/* Probes on the SmallRye Health endpoints: (dict "values" .Values.operator) */}}
{{- define "kubechat.probes" -}}
startupProbe:
  httpGet: {path: /q/health/started, port: http}
  {{- toYaml .values.startupProbe | nindent 2 }}
livenessProbe:
  httpGet: {path: /q/health/live, port: http}
  {{- toYaml .values.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet: {path: /q/health/ready, port: http}
  {{- toYaml .values.readinessProbe | nindent 2 }}
{{- end -}}

{{- define "kubechat.hasMonitoring" -}}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" -}}true{{- end -}}
{{- end -}}

{{- /* Log format and OpenTelemetry tracing, the same for the operator and the gateway. */}}
{{- define "kubechat.observabilityEnv" -}}
QUARKUS_LOG_CONSOLE_JSON_ENABLED: {{ eq .Values.logging.format "json" | quote }}
QUARKUS_OTEL_SDK_DISABLED: {{ not .Values.tracing.enabled | quote }}
{{- if .Values.tracing.enabled }}
QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ required "tracing.endpoint is required when tracing.enabled" .Values.tracing.endpoint | quote }}
QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL: {{ .Values.tracing.protocol | quote }}
QUARKUS_OTEL_TRACES_SAMPLER_ARG: {{ .Values.tracing.samplerRatio | quote }}
{{- end }}
{{- end -}}
