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

{{- /* Where the gateway keeps web users' sessions and commands: a namespace of their own by default, so that
approvers and session readers get no rights where the release's Secrets are, and its ExecutionPolicies are not global. */}}
{{- define "kubechat.sessionsNamespace" -}}
{{- .Values.gateway.sessionsNamespace | default (printf "%s-sessions" .Release.Namespace) -}}
{{- end -}}

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
The database as environment variables: (dict "root" $ "component" "operator"|"gateway").
The audit ledger's tables belong to an owner login that only migrates; the operator and the gateway connect
with runtime logins that own nothing of the ledger and hold only kubechat_audit_writer (no UPDATE, DELETE,
TRUNCATE, archive or hold release). Only the operator gets the owner login (KUBECHAT_AUDIT_OWNER_*), to
migrate the ledger's schema; the gateway never sees it.
- bundled: owner = postgresql.bundled.username (the image's superuser); runtime logins kubechat_operator and
  kubechat_gateway, created on the first start of the database (files/postgresql/10-kubechat-logins.sh).
- external: runtime login postgresql.external.username; owner postgresql.external.owner.username if set
  (without it the runtime login migrates and the operator warns that it could rewrite history).
- cloudnativepg: the cluster's app (owner) login for both; the operator warns (see docs/security.md).
*/}}
{{- define "kubechat.databaseEnv" -}}
{{- $root := .root -}}
{{- $component := .component -}}
{{- $mode := $root.Values.postgresql.mode -}}
{{- if eq $mode "external" }}
{{- $ext := $root.Values.postgresql.external }}
{{- $secret := $ext.existingSecret | default (printf "%s-database" (include "kubechat.fullname" $root)) }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ required "postgresql.external.jdbcUrl is required when postgresql.mode is external (for example jdbc:postgresql://db.example.com:5432/kubechat)" $ext.jdbcUrl | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ $ext.username | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $ext.passwordKey }}
{{- if and (eq $component "operator") $ext.owner.username }}
- name: KUBECHAT_AUDIT_OWNER_USERNAME
  value: {{ $ext.owner.username | quote }}
- name: KUBECHAT_AUDIT_OWNER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "postgresql.external.existingSecret (holding owner.passwordKey) is required when postgresql.external.owner.username is set" $ext.existingSecret }}
      key: {{ $ext.owner.passwordKey }}
{{- end }}
{{- else if eq $mode "bundled" }}
{{- $pg := $root.Values.postgresql.bundled }}
{{- $secret := $pg.existingSecret | default (include "kubechat.postgresql.fullname" $root) }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s:5432/%s" (include "kubechat.postgresql.fullname" $root) $pg.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ printf "kubechat_%s" $component | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ printf "%s-password" $component }}
{{- if eq $component "operator" }}
- name: KUBECHAT_AUDIT_OWNER_USERNAME
  value: {{ $pg.username | quote }}
- name: KUBECHAT_AUDIT_OWNER_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: password
{{- end }}
{{- else if eq $mode "cloudnativepg" }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s-rw:5432/%s" (include "kubechat.postgresql.fullname" $root) $root.Values.postgresql.cloudnativepg.database | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "kubechat.postgresql.fullname" $root }}-app
      key: username
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "kubechat.postgresql.fullname" $root }}-app
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
