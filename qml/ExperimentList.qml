// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The experiments, grouped, with a search field. Up/Down moves, Enter runs.
Pane {
    id: root
    property AppController controller
    signal activated()
    padding: 0

    function focusList() {
        list.forceActiveFocus()
        if (list.currentIndex < 4)
            list.positionViewAtBeginning()
    }
    function focusSearch() { search.forceActiveFocus(); search.selectAll() }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TextField {
            id: search
            objectName: "experimentSearch"
            Layout.fillWidth: true
            Layout.margins: 8
            placeholderText: qsTr("Search experiments (Ctrl+F)")
            onTextChanged: root.controller.experiments.filter = text
            // Keys act on the visible, highlighted match only (never on a hidden selection).
            Keys.onDownPressed: {
                if (list.count === 0)
                    return // nothing matches: the keys stay in the field
                list.forceActiveFocus()
                list.currentIndex = Math.max(0, list.currentIndex)
                list.selectCurrent()
            }
            function accept() {
                if (list.count > 0) {
                    list.currentIndex = Math.max(0, list.currentIndex)
                    list.selectCurrent()
                    list.forceActiveFocus()
                }
            }
            Keys.onReturnPressed: accept()
            Keys.onEnterPressed: accept()
        }
        ListView {
            id: list
            objectName: "experimentList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.controller.experiments
            keyNavigationEnabled: true
            function syncCurrent() {
                currentIndex = root.controller.experiments.indexOf(root.controller.experimentId)
                // The selection is filtered out: the first match is highlighted (what keys act on).
                if (currentIndex < 0 && count > 0)
                    currentIndex = 0
                if (currentIndex >= 0 && currentIndex < 4)
                    Qt.callLater(positionViewAtBeginning) // with the first group's header
            }
            function selectCurrent() {
                const id = root.controller.experiments.idAt(currentIndex)
                if (id !== "")
                    root.controller.experimentId = id
                return id !== ""
            }
            Component.onCompleted: syncCurrent()
            Connections {
                target: root.controller
                function onExperimentChanged() { list.syncCurrent() }
            }
            Connections {
                target: root.controller.experiments
                function onCountChanged() { list.syncCurrent() }
            }
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            section.property: "group"
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                text: section.toUpperCase()
                font.pixelSize: 11
                font.bold: true
                font.letterSpacing: 1
                color: palette.placeholderText
                topPadding: 12
                bottomPadding: 4
                leftPadding: 12
            }
            // Keyboard moves (Up/Down) select; clicks select in the delegate.
            onCurrentIndexChanged: {
                const id = root.controller.experiments.idAt(currentIndex)
                if (id !== "" && activeFocus)
                    root.controller.experimentId = id
            }
            Keys.onReturnPressed: { if (selectCurrent()) root.activated() }
            Keys.onEnterPressed: { if (selectCurrent()) root.activated() }
            delegate: ItemDelegate {
                id: row
                required property int index
                required property string experimentId
                required property string title
                required property string seed
                required property bool available
                required property string reason
                required property string summary
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                opacity: available ? 1 : 0.45
                onClicked: {
                    root.controller.experimentId = experimentId
                    list.forceActiveFocus()
                }
                onDoubleClicked: root.activated()
                ToolTip.visible: hovered
                ToolTip.delay: 600
                // The full title too: it may be elided at the list's width.
                // (Quiz mode keeps the summary, which gives the answer away, to itself.)
                ToolTip.text: title + (!available ? "\n" + qsTr("Cannot run here: %1").arg(reason)
                                                  : root.controller.quiz ? "" : "\n" + summary)
                contentItem: ColumnLayout {
                    spacing: 1
                    Label {
                        Layout.fillWidth: true
                        text: row.title
                        elide: Text.ElideRight
                        color: row.highlighted ? palette.highlightedText : palette.windowText
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 · seed %2").arg(row.experimentId).arg(row.seed)
                        font.pixelSize: 11
                        elide: Text.ElideRight
                        color: row.highlighted ? palette.highlightedText : palette.placeholderText
                    }
                }
            }
        }
    }
}
