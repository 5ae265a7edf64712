package io.kubechat.nlp.command;

import io.kubechat.crds.v1alpha1.CommandArguments;
import io.kubechat.crds.v1alpha1.Taint;
import java.util.List;
import java.util.Map;

/**
 * Collects the typed options of a command while a request is read; the CRD record is immutable
 * and positional, so the translator fills this and builds once.
 */
public final class CommandArgumentsBuilder {

    /** Arguments with every option unset. */
    public static final CommandArguments EMPTY = new CommandArgumentsBuilder().buildOrEmpty();

    private Integer replicas;
    private String container;
    private Map<String, String> images;
    private Integer tailLines;
    private String since;
    private Boolean previous;
    private String output;
    private String sortBy;
    private Boolean warningsOnly;
    private Map<String, String> labels;
    private List<String> removeLabels;
    private Map<String, String> annotations;
    private List<String> removeAnnotations;
    private Boolean overwrite;
    private List<Taint> taints;
    private Integer port;
    private Integer targetPort;
    private String serviceType;
    private Integer minReplicas;
    private Integer maxReplicas;
    private Integer cpuPercent;
    private Long toRevision;
    private Integer gracePeriodSeconds;
    private Boolean ignoreDaemonSets;
    private Boolean deleteEmptyDirData;
    private Boolean all;
    private String patchType;
    private String patch;
    private String fromCronJob;
    private String image;
    private Map<String, String> data;
    private String accessVerb;
    private String fieldPath;
    private Map<String, String> env;
    private List<String> removeEnv;
    private String envFrom;
    private Map<String, String> requests;
    private Map<String, String> limits;
    private String serviceAccount;
    private String schedule;
    private Integer nodePort;
    private List<String> roleVerbs;
    private List<String> roleResources;
    private String clusterRole;
    private String role;
    private List<String> users;
    private List<String> groups;
    private List<String> serviceAccounts;

    public CommandArgumentsBuilder replicas(Integer value) {
        this.replicas = value;
        return this;
    }

    public CommandArgumentsBuilder container(String value) {
        this.container = value;
        return this;
    }

    public CommandArgumentsBuilder images(Map<String, String> value) {
        this.images = value;
        return this;
    }

    public CommandArgumentsBuilder tailLines(Integer value) {
        this.tailLines = value;
        return this;
    }

    public CommandArgumentsBuilder since(String value) {
        this.since = value;
        return this;
    }

    public CommandArgumentsBuilder previous(Boolean value) {
        this.previous = value;
        return this;
    }

    public CommandArgumentsBuilder output(String value) {
        this.output = value;
        return this;
    }

    public CommandArgumentsBuilder sortBy(String value) {
        this.sortBy = value;
        return this;
    }

    public CommandArgumentsBuilder warningsOnly(Boolean value) {
        this.warningsOnly = value;
        return this;
    }

    public CommandArgumentsBuilder labels(Map<String, String> value) {
        this.labels = value;
        return this;
    }

    public CommandArgumentsBuilder removeLabels(List<String> value) {
        this.removeLabels = value;
        return this;
    }

    public CommandArgumentsBuilder annotations(Map<String, String> value) {
        this.annotations = value;
        return this;
    }

    public CommandArgumentsBuilder removeAnnotations(List<String> value) {
        this.removeAnnotations = value;
        return this;
    }

    public CommandArgumentsBuilder overwrite(Boolean value) {
        this.overwrite = value;
        return this;
    }

    public CommandArgumentsBuilder taints(List<Taint> value) {
        this.taints = value;
        return this;
    }

    public CommandArgumentsBuilder port(Integer value) {
        this.port = value;
        return this;
    }

    public CommandArgumentsBuilder targetPort(Integer value) {
        this.targetPort = value;
        return this;
    }

    public CommandArgumentsBuilder serviceType(String value) {
        this.serviceType = value;
        return this;
    }

    public CommandArgumentsBuilder minReplicas(Integer value) {
        this.minReplicas = value;
        return this;
    }

    public CommandArgumentsBuilder maxReplicas(Integer value) {
        this.maxReplicas = value;
        return this;
    }

    public CommandArgumentsBuilder cpuPercent(Integer value) {
        this.cpuPercent = value;
        return this;
    }

    public CommandArgumentsBuilder toRevision(Long value) {
        this.toRevision = value;
        return this;
    }

    public CommandArgumentsBuilder gracePeriodSeconds(Integer value) {
        this.gracePeriodSeconds = value;
        return this;
    }

    public CommandArgumentsBuilder ignoreDaemonSets(Boolean value) {
        this.ignoreDaemonSets = value;
        return this;
    }

    public CommandArgumentsBuilder deleteEmptyDirData(Boolean value) {
        this.deleteEmptyDirData = value;
        return this;
    }

    public CommandArgumentsBuilder all(Boolean value) {
        this.all = value;
        return this;
    }

    public CommandArgumentsBuilder patchType(String value) {
        this.patchType = value;
        return this;
    }

    public CommandArgumentsBuilder patch(String value) {
        this.patch = value;
        return this;
    }

    public CommandArgumentsBuilder fromCronJob(String value) {
        this.fromCronJob = value;
        return this;
    }

    public CommandArgumentsBuilder image(String value) {
        this.image = value;
        return this;
    }

    public CommandArgumentsBuilder data(Map<String, String> value) {
        this.data = value;
        return this;
    }

    public CommandArgumentsBuilder accessVerb(String value) {
        this.accessVerb = value;
        return this;
    }

    public CommandArgumentsBuilder fieldPath(String value) {
        this.fieldPath = value;
        return this;
    }

    public Integer replicas() {
        return replicas;
    }

    public String container() {
        return container;
    }

    public Map<String, String> images() {
        return images;
    }

    public Integer tailLines() {
        return tailLines;
    }

    public String since() {
        return since;
    }

    public Boolean previous() {
        return previous;
    }

    public String output() {
        return output;
    }

    public String sortBy() {
        return sortBy;
    }

    public Boolean warningsOnly() {
        return warningsOnly;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<String> removeLabels() {
        return removeLabels;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public List<String> removeAnnotations() {
        return removeAnnotations;
    }

    public Boolean overwrite() {
        return overwrite;
    }

    public List<Taint> taints() {
        return taints;
    }

    public Integer port() {
        return port;
    }

    public Integer targetPort() {
        return targetPort;
    }

    public String serviceType() {
        return serviceType;
    }

    public Integer minReplicas() {
        return minReplicas;
    }

    public Integer maxReplicas() {
        return maxReplicas;
    }

    public Integer cpuPercent() {
        return cpuPercent;
    }

    public Long toRevision() {
        return toRevision;
    }

    public Integer gracePeriodSeconds() {
        return gracePeriodSeconds;
    }

    public Boolean ignoreDaemonSets() {
        return ignoreDaemonSets;
    }

    public Boolean deleteEmptyDirData() {
        return deleteEmptyDirData;
    }

    public Boolean all() {
        return all;
    }

    public String patchType() {
        return patchType;
    }

    public String patch() {
        return patch;
    }

    public String fromCronJob() {
        return fromCronJob;
    }

    public String image() {
        return image;
    }

    public Map<String, String> data() {
        return data;
    }

    public String accessVerb() {
        return accessVerb;
    }

    public String fieldPath() {
        return fieldPath;
    }

    /** The arguments, or null when no option is set, so the command carries no empty object. */
    public CommandArgumentsBuilder env(Map<String, String> value) {
        this.env = value;
        return this;
    }

    public CommandArgumentsBuilder removeEnv(List<String> value) {
        this.removeEnv = value;
        return this;
    }

    public CommandArgumentsBuilder envFrom(String value) {
        this.envFrom = value;
        return this;
    }

    public CommandArgumentsBuilder requests(Map<String, String> value) {
        this.requests = value;
        return this;
    }

    public CommandArgumentsBuilder limits(Map<String, String> value) {
        this.limits = value;
        return this;
    }

    public CommandArgumentsBuilder serviceAccount(String value) {
        this.serviceAccount = value;
        return this;
    }

    public CommandArgumentsBuilder schedule(String value) {
        this.schedule = value;
        return this;
    }

    public CommandArgumentsBuilder nodePort(Integer value) {
        this.nodePort = value;
        return this;
    }

    public CommandArgumentsBuilder roleVerbs(List<String> value) {
        this.roleVerbs = value;
        return this;
    }

    public CommandArgumentsBuilder roleResources(List<String> value) {
        this.roleResources = value;
        return this;
    }

    public CommandArgumentsBuilder clusterRole(String value) {
        this.clusterRole = value;
        return this;
    }

    public CommandArgumentsBuilder role(String value) {
        this.role = value;
        return this;
    }

    public CommandArgumentsBuilder users(List<String> value) {
        this.users = value;
        return this;
    }

    public CommandArgumentsBuilder groups(List<String> value) {
        this.groups = value;
        return this;
    }

    public CommandArgumentsBuilder serviceAccounts(List<String> value) {
        this.serviceAccounts = value;
        return this;
    }

    public Map<String, String> env() {
        return env;
    }

    public List<String> removeEnv() {
        return removeEnv;
    }

    public String envFrom() {
        return envFrom;
    }

    public Map<String, String> requests() {
        return requests;
    }

    public Map<String, String> limits() {
        return limits;
    }

    public String serviceAccount() {
        return serviceAccount;
    }

    public String schedule() {
        return schedule;
    }

    public Integer nodePort() {
        return nodePort;
    }

    public List<String> roleVerbs() {
        return roleVerbs;
    }

    public List<String> roleResources() {
        return roleResources;
    }

    public String clusterRole() {
        return clusterRole;
    }

    public String role() {
        return role;
    }

    public List<String> users() {
        return users;
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> serviceAccounts() {
        return serviceAccounts;
    }

    public CommandArguments build() {
        CommandArguments built = buildOrEmpty();
        return built.equals(EMPTY) ? null : built;
    }

    public CommandArguments buildOrEmpty() {
        return new CommandArguments(replicas, container, images, tailLines, since, previous, output, sortBy, warningsOnly, labels, removeLabels, annotations, removeAnnotations, overwrite, taints, port, targetPort, serviceType, minReplicas, maxReplicas, cpuPercent, toRevision, gracePeriodSeconds, ignoreDaemonSets, deleteEmptyDirData, all, patchType, patch, fromCronJob, image, data, accessVerb, fieldPath, env, removeEnv, envFrom, requests, limits, serviceAccount, schedule, nodePort, roleVerbs, roleResources, clusterRole, role, users, groups, serviceAccounts);
    }

    public static CommandArgumentsBuilder from(CommandArguments a) {
        CommandArgumentsBuilder b = new CommandArgumentsBuilder();
        if (a != null) {
            b.replicas = a.replicas();
            b.container = a.container();
            b.images = a.images();
            b.tailLines = a.tailLines();
            b.since = a.since();
            b.previous = a.previous();
            b.output = a.output();
            b.sortBy = a.sortBy();
            b.warningsOnly = a.warningsOnly();
            b.labels = a.labels();
            b.removeLabels = a.removeLabels();
            b.annotations = a.annotations();
            b.removeAnnotations = a.removeAnnotations();
            b.overwrite = a.overwrite();
            b.taints = a.taints();
            b.port = a.port();
            b.targetPort = a.targetPort();
            b.serviceType = a.serviceType();
            b.minReplicas = a.minReplicas();
            b.maxReplicas = a.maxReplicas();
            b.cpuPercent = a.cpuPercent();
            b.toRevision = a.toRevision();
            b.gracePeriodSeconds = a.gracePeriodSeconds();
            b.ignoreDaemonSets = a.ignoreDaemonSets();
            b.deleteEmptyDirData = a.deleteEmptyDirData();
            b.all = a.all();
            b.patchType = a.patchType();
            b.patch = a.patch();
            b.fromCronJob = a.fromCronJob();
            b.image = a.image();
            b.data = a.data();
            b.accessVerb = a.accessVerb();
            b.fieldPath = a.fieldPath();
            b.env = a.env();
            b.removeEnv = a.removeEnv();
            b.envFrom = a.envFrom();
            b.requests = a.requests();
            b.limits = a.limits();
            b.serviceAccount = a.serviceAccount();
            b.schedule = a.schedule();
            b.nodePort = a.nodePort();
            b.roleVerbs = a.roleVerbs();
            b.roleResources = a.roleResources();
            b.clusterRole = a.clusterRole();
            b.role = a.role();
            b.users = a.users();
            b.groups = a.groups();
            b.serviceAccounts = a.serviceAccounts();
        }
        return b;
    }
}
