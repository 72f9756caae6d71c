"""Every write of the questions domain: one function per change, taking ``actor=``.

intake (netizens submit), identity (SMS codes, OIDC identities), moderation (数字治理中心),
grouping, categories, lists, support (我也关注), introduction and the preview, representatives,
answers, askers (telling them), supervision (督办), retention.
"""
