"""Online story clustering: articles join the best story or start a new one.

See :mod:`wirecheck.cluster.scoring` for the scoring function,
:mod:`wirecheck.cluster.index` for candidate retrieval,
:mod:`wirecheck.cluster.split` for the check that splits a story holding two
incidents (``Clusterer.pop_splits``), :mod:`wirecheck.cluster.rehome` for
the check that moves an early report to a later story it fits better, and
:mod:`wirecheck.cluster.places` for the gazetteer of countries and the
places in them.
"""

from .clusterer import Clusterer, explain
from .profile import ClusterState, StoryProfile, story_id_for

__all__ = ["Clusterer", "ClusterState", "StoryProfile", "explain", "story_id_for"]
