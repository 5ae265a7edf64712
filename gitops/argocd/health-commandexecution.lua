-- Argo CD health check for KubeChat CommandExecutions (kubechat.io/v1alpha1).
-- Install it under the argocd-cm key resource.customizations.health.kubechat.io_CommandExecution
-- (see argocd-cm.yaml beside this file). Argo CD sets `obj` to the live object.
--   Succeeded                                         -> Healthy
--   Pending, Translated, Authorized, Approved, Running -> Progressing (also: no status yet)
--   AwaitingApproval                                  -> Suspended (waits for a person)
--   Failed, Denied, Rejected, Expired                 -> Degraded
local hs = {}

-- The Succeeded condition carries the reason and the human-readable detail of every phase.
local function summary()
  if obj.status.conditions ~= nil then
    for _, condition in ipairs(obj.status.conditions) do
      if condition.type == "Succeeded" then
        return condition
      end
    end
  end
  return nil
end

if obj.status == nil or obj.status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the KubeChat operator to pick up the command"
  return hs
end

local phase = obj.status.phase
local condition = summary()
local detail = ""
if condition ~= nil and condition.message ~= nil then
  detail = ": " .. condition.message
end

if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Succeeded" .. detail
elseif phase == "AwaitingApproval" then
  -- An approval written to the spec bumps the generation; until the operator has seen it, it is in progress.
  if obj.spec.approval ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
      and obj.status.observedGeneration < obj.metadata.generation then
    hs.status = "Progressing"
    hs.message = "Decision " .. tostring(obj.spec.approval.decision) .. " given, being processed"
  else
    hs.status = "Suspended"
    hs.message = "Awaiting approval" .. detail
  end
elseif phase == "Failed" or phase == "Denied" or phase == "Rejected" or phase == "Expired" then
  hs.status = "Degraded"
  local reason = phase
  if condition ~= nil and condition.reason ~= nil then
    reason = phase .. " (" .. condition.reason .. ")"
  end
  hs.message = reason .. detail
elseif phase == "Pending" or phase == "Translated" or phase == "Authorized" or phase == "Approved" or phase == "Running" then
  hs.status = "Progressing"
  hs.message = phase .. detail
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
