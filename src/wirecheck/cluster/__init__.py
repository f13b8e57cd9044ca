"""Online story clustering: articles join the best story or start a new one.

See :mod:`wirecheck.cluster.scoring` for the scoring function,
:mod:`wirecheck.cluster.index` for candidate retrieval and
:mod:`wirecheck.cluster.split` for the check that splits a story holding two
incidents (``Clusterer.pop_splits``).
"""

from .clusterer import Clusterer, explain
from .profile import ClusterState, StoryProfile, story_id_for

__all__ = ["Clusterer", "ClusterState", "StoryProfile", "explain", "story_id_for"]
